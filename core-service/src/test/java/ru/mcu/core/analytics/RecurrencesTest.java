package ru.mcu.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Problems that keep coming back, on a history imported as an archive (days ago, the period the last 30 days):
 * <pre>
 *   roads in Шерегеш        a pothole answered «решено» (received 40, closed 35 days ago); 3 more in the period → after «решено», 3
 *   housing in Спасск       2 in the previous period (40, 45), 4 in the period                               → growth +100 %
 *   improvement in Калары   one each 35, 65, 95 days ago, 3 in the period                                    → recurs (4 of 6 months), +200 %
 *   roads in Темиртау       2 in the period                                                                  → below the minimum of 3
 *   agriculture in Мундыбаш 3 today, none before                                                             → nothing to say
 *   industry-transport, no territory: 1 in the previous period (40), 3 in the period                        → +200 %, «территория не указана»
 * </pre>
 * A second municipality imports the same Шерегеш history; none of it may show in the first one's figures.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecurrencesTest {
    static final String TENANT = "recurring-tashtagol";
    static final String OTHER = "recurring-neighbour";
    static final ZoneId ZONE = ZoneId.of("Asia/Novokuznetsk");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    LocalDate today;
    Instant now;

    @BeforeAll
    void history(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "tashtagol", OTHER);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        today = LocalDate.now(ZONE);
        StringBuilder csv = new StringBuilder("channel,externalId,receivedAt,text,territory,category,closedState,closedAt,closedAnswer,closedResultStatus\n");
        csv.append(sheregesh());
        for (int d : new int[] {40, 45, 10, 8, 5, 2}) {
            csv.append(line(d, "Течёт крыша в доме", "spassk", "housing", -1));
        }
        for (int d : new int[] {95, 65, 35, 20, 12, 4}) {
            csv.append(line(d, "Сломаны лавочки в сквере", "kalary", "improvement", -1));
        }
        for (int d : new int[] {40, 9, 7, 3}) {
            csv.append(line(d, "Не ходит автобус до разреза", "", "industry-transport", -1));
        }
        csv.append(line(6, "Нет разметки", "temirtau", "roads", -1)).append(line(3, "Нет разметки у школы", "temirtau", "roads", -1));
        for (int i = 0; i < 3; i++) {
            csv.append(line(0, "Не вывезли навоз", "mundybash", "agriculture", -1));
        }
        imported(TENANT, csv.toString());
        imported(OTHER, "channel,externalId,receivedAt,text,territory,category,closedState,closedAt,closedAnswer,closedResultStatus\n" + sheregesh() + sheregesh());
        Municipalities.analyticsCaughtUp(jdbc, tx, TENANT, OTHER);
    }

    /** The pothole in Шерегеш: answered «решено», then told again three times (each call with new external ids). */
    String sheregesh() {
        return line(40, "Яма на дороге к подъёмнику", "sheregesh", "roads", 35) + line(3, "Снова яма у подъёмника", "sheregesh", "roads", -1)
                + line(2, "Яма на том же месте", "sheregesh", "roads", -1) + line(1, "Опять провал асфальта", "sheregesh", "roads", -1);
    }

    /** One archive line received {@code daysAgo} (a few hours less for «today»), closed «решено» {@code closedDaysAgo} (negative: open). */
    String line(int daysAgo, String text, String territory, String category, int closedDaysAgo) {
        Instant at = daysAgo == 0 ? now.minus(5, ChronoUnit.MINUTES) : now.minus(daysAgo, ChronoUnit.DAYS);
        String closed = closedDaysAgo < 0 ? ",,," : "answered," + now.minus(closedDaysAgo, ChronoUnit.DAYS) + ",Отремонтировали,resolved";
        return "kuzbass-online," + UUID.randomUUID() + "," + at + "," + text + "," + territory + "," + category + "," + closed + "\n";
    }

    void imported(String tenant, String csv) throws Exception {
        var admin = Municipalities.staff(tenant, "rukovoditel", "head");
        String started = mvc.perform(post("/api/imports").param("format", "csv").with(admin).contentType("text/plain;charset=UTF-8")
                .content(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(started, "$.id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(JsonPath.read(mvc.perform(get("/api/imports/" + id).with(admin))
                .andReturn().getResponse().getContentAsString(), "$.status")));
        String job = mvc.perform(get("/api/imports/" + id).with(admin)).andReturn().getResponse().getContentAsString();
        assertThat((Integer) JsonPath.read(job, "$.rejected")).as(job).isZero();
    }

    String recurring(String tenant) throws Exception {
        return mvc.perform(get("/api/analytics/recurring").param("from", today.minusDays(29).toString()).param("to", today.toString())
                        .with(Municipalities.staff(tenant, "analitik", "analyst")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theProblemsThatComeBackGrowOrRecurAreSurfacedWithWhy() throws Exception {
        String body = recurring(TENANT);
        List<Map<String, Object>> clusters = JsonPath.read(body, "$.clusters");
        assertThat(clusters).as(body).extracting(c -> c.get("category") + "/" + c.get("territory"))
                .containsExactly("roads/sheregesh", "improvement/kalary", "industry-transport/", "housing/spassk");

        Map<String, Object> pothole = clusters.get(0);
        assertThat(pothole).containsEntry("categoryName", "Дорожная инфраструктура").containsEntry("received", 3).containsEntry("resolved", 1)
                .containsEntry("afterResolved", 3).containsEntry("previous", 1);
        assertThat((List<String>) pothole.get("reasons")).anyMatch(r -> r.startsWith("после «решено»: 3 из 3"));

        Map<String, Object> benches = clusters.get(1);
        assertThat(benches).containsEntry("received", 3).containsEntry("previous", 1).containsEntry("growth", 2.0);
        assertThat(((Number) benches.get("monthsWithMessages")).intValue()).isGreaterThanOrEqualTo(3);
        assertThat((List<String>) benches.get("reasons")).anyMatch(r -> r.startsWith("повторяется: сообщения в "));

        assertThat(clusters.get(2)).containsEntry("territoryName", "территория не указана").containsEntry("received", 3).containsEntry("growth", 2.0);

        Map<String, Object> roof = clusters.get(3);
        assertThat(roof).containsEntry("received", 4).containsEntry("previous", 2).containsEntry("growth", 1.0).containsEntry("afterResolved", 0);
        assertThat((List<String>) roof.get("reasons")).contains("рост: 4 против 2 за предыдущий период (+100 %)");
    }

    @Test
    void theNeighboursFiguresAreItsOwn() throws Exception {
        // Twice the Шерегеш history: 6 after «решено» of 6, 2 resolved — and none of the first municipality's clusters.
        List<Map<String, Object>> clusters = JsonPath.read(recurring(OTHER), "$.clusters");
        assertThat(clusters).hasSize(1);
        assertThat(clusters.getFirst()).containsEntry("received", 6).containsEntry("afterResolved", 6).containsEntry("resolved", 2);
    }

    @Test
    void aHigherMinimumLeavesOutTheSmallerClusters() throws Exception {
        String body = mvc.perform(get("/api/analytics/recurring").param("from", today.minusDays(29).toString()).param("to", today.toString())
                .param("minimum", "4").with(Municipalities.staff(TENANT, "analitik", "analyst"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(body, "$.clusters[*].territory")).containsExactly("spassk");
    }
}
