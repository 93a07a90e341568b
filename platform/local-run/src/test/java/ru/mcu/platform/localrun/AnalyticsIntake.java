package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.testsupport.BrowserSession;

/**
 * A channel connector issued by the regional operator, posting to whichever core-service it is
 * pointed at: the platform's own, or a second one started beside it with other settings (the same
 * token is good for both: same issuer, same audience).
 */
final class AnalyticsIntake {
    static final int BATCH = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String channel;
    private String token;
    private long tokenAt;

    private AnalyticsIntake(String issuer, String clientId, String clientSecret, String channel) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.channel = channel;
    }

    static AnalyticsIntake issue(Platform platform, BrowserSession operator, String municipality, String channel) {
        BrowserSession.Page issued = operator.call("POST", "/api/platform/municipalities/" + municipality + "/connectors",
                "{\"name\":\"bench-analytics-" + Long.toHexString(System.nanoTime()) + "\",\"channels\":[\"" + channel + "\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return new AnalyticsIntake(platform.issuer(), JsonPath.read(issued.body(), "$.clientId"), JsonPath.read(issued.body(), "$.clientSecret"),
                channel);
    }

    /** Fetches the connector's token now, so that the first message timed does not wait for Keycloak. */
    void warmUp() throws Exception {
        token();
    }

    /** One message, as a connector sends it. */
    HttpResponse<String> postOne(String coreUrl, int i) throws Exception {
        return post(coreUrl, "/api/intake/messages", JSON.writeValueAsString(message(i)));
    }

    /** {@code count} messages in batches of {@value #BATCH}; the rate in messages a second. */
    double postBatches(String coreUrl, int count, int offset) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < count; from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                batch.add(message(offset + i));
            }
            HttpResponse<String> response = post(coreUrl, "/api/intake/messages/batch", JSON.writeValueAsString(Map.of("messages", batch)));
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

    private HttpResponse<String> post(String coreUrl, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(coreUrl + path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The client-credentials token, fetched again well before Keycloak's lifetime runs out. */
    private synchronized String token() throws Exception {
        if (token == null || System.nanoTime() - tokenAt > 60_000_000_000L) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + clientSecret)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            token = JsonPath.read(response.body(), "$.access_token");
            tokenAt = System.nanoTime();
        }
        return token;
    }
}
