package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.testsupport.BrowserSession;

/**
 * The analytics benchmark's intake: messages of one channel through a connector issued by the
 * regional operator, to the platform's core-service or a second one started beside it with other settings.
 */
final class AnalyticsIntake {
    static final int BATCH = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connector connector;
    private final String channel;

    private AnalyticsIntake(Connector connector, String channel) {
        this.connector = connector;
        this.channel = channel;
    }

    static AnalyticsIntake issue(Platform platform, BrowserSession operator, String municipality, String channel) {
        return new AnalyticsIntake(Connector.issue(platform, operator, municipality, List.of(channel)), channel);
    }

    /** Fetches the connector's token now, so that the first message timed does not wait for Keycloak. */
    void warmUp() throws Exception {
        connector.warmUp();
    }

    /** One message, as a connector sends it. */
    HttpResponse<String> postOne(String coreUrl, int i) throws Exception {
        return connector.post(coreUrl, "/api/intake/messages", JSON.writeValueAsString(message(i)));
    }

    /** {@code count} messages in batches of {@value #BATCH}; the rate in messages a second. */
    double postBatches(String coreUrl, int count, int offset) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < count; from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                batch.add(message(offset + i));
            }
            HttpResponse<String> response = connector.post(coreUrl, "/api/intake/messages/batch", JSON.writeValueAsString(Map.of("messages", batch)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private Map<String, Object> message(int i) {
        return Map.of("channel", channel, "externalId", "bench-analytics-" + UUID.randomUUID(), "receivedAt",
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString(),
                "text", "Не вывезен мусор во дворе дома № " + (i % 300) + ", контейнеры переполнены уже третий день",
                "citizen", Map.of("name", "Заявитель " + i, "phone", "+7 900 000-00-00"), "address", "ул. Ленина, " + (i % 200));
    }
}
