package ru.mcu.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The forecast through the API, as the application's database role, on six weeks and some days of
 * Tashtagol's messages sent through intake: every working day two about roads and one without a
 * category, every weekend day one without, 17 a week. A second Tashtagol-like municipality gets ten
 * a day; none of them may show in the first one's forecast.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastApiTest {
    static final String TENANT = "forecast-tashtagol";
    static final String OTHER = "forecast-neighbour";
    static final ZoneId ZONE = ZoneId.of("Asia/Novokuznetsk");
    static final RequestPostProcessor SMM = Municipalities.staff(TENANT, "smm", "smm-manager");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    LocalDate today;
    LocalDate firstMonday;
    long thisWeekSoFar;

    @BeforeAll
    void sixWeeksOfMessages(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "tashtagol", OTHER);
        today = LocalDate.now(ZONE);
        LocalDate monday = today.with(DayOfWeek.MONDAY);
        firstMonday = monday.minusWeeks(6);
        for (LocalDate day = firstMonday; day.isBefore(today); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            int n = 0;
            if (!weekend) {
                n += send(TENANT, day, 9, "roads") + send(TENANT, day, 10, "roads");
            }
            n += send(TENANT, day, 11, null);
            for (int i = 0; i < 10; i++) {
                send(OTHER, day, 8 + i, null);
            }
            if (!day.isBefore(monday)) {
                thisWeekSoFar += n;
            }
        }
        Municipalities.analyticsCaughtUp(jdbc, tx, TENANT, OTHER);
    }

    int send(String tenant, LocalDate day, int hour, String category) throws Exception {
        String where = category == null ? "" : ",\"category\":\"" + category + "\"";
        mvc.perform(post("/api/intake/messages").with(Municipalities.connector(tenant, "im")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"im\",\"externalId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\""
                                + day.atTime(hour, 0).atZone(ZONE).toInstant() + "\",\"text\":\"Яма на дороге\"" + where + "}"))
                .andExpect(status().isCreated());
        return 1;
    }

    String forecast(int weeks) throws Exception {
        return mvc.perform(get("/api/analytics/forecast?weeks=" + weeks).with(SMM)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theSmmManagerSeesTheWeeksAsTheyCameInAndTheWeeksAheadInTheMunicipalitysZone() throws Exception {
        String body = forecast(3);
        assertThat((String) JsonPath.read(body, "$.timeZone")).isEqualTo("Asia/Novokuznetsk");
        assertThat((String) JsonPath.read(body, "$.today")).isEqualTo(today.toString());
        assertThat((String) JsonPath.read(body, "$.historyFrom")).isEqualTo(firstMonday.toString());
        // Only this municipality's messages: 17 a week, not the neighbour's 70.
        List<Integer> recent = JsonPath.read(body, "$.total.recent[*].received");
        assertThat(recent).hasSize(6).containsOnly(17);
        assertThat((Boolean) JsonPath.read(body, "$.total.enoughHistory")).isTrue();
        List<Map<String, Object>> weeks = JsonPath.read(body, "$.total.weeks");
        assertThat(weeks).hasSize(3);
        assertThat(weeks.getFirst().get("from")).isEqualTo(today.with(DayOfWeek.MONDAY).toString());
        assertThat(((Number) weeks.getFirst().get("receivedSoFar")).longValue()).isEqualTo(thisWeekSoFar);
        // A week without a holiday comes out at the 17 every week had; 4 November and 31 December are holidays.
        for (Map<String, Object> week : weeks) {
            if (((Number) week.get("holidays")).intValue() == 0) {
                assertThat(((Number) week.get("expected")).doubleValue()).as("week of %s", week.get("from")).isCloseTo(17, within(1.0));
            }
            assertThat(((Number) week.get("low")).doubleValue()).isLessThanOrEqualTo(((Number) week.get("expected")).doubleValue());
            assertThat(((Number) week.get("high")).doubleValue()).isGreaterThanOrEqualTo(((Number) week.get("expected")).doubleValue());
        }
        // Six weeks are too few for an earlier forecast three weeks ahead with four weeks behind it.
        assertThat((Integer) JsonPath.read(body, "$.total.backtest.origins")).isZero();
    }

    @Test
    void eachChannelAndCategoryHasItsOwnForecastUnderItsTemplateName() throws Exception {
        String body = forecast(2);
        assertThat((List<String>) JsonPath.read(body, "$.byChannel[*].code")).containsExactly("im");
        assertThat((List<Integer>) JsonPath.read(body, "$.byChannel[0].recent[*].received")).containsOnly(17);
        List<Map<String, Object>> categories = JsonPath.read(body, "$.byCategory");
        assertThat(categories).extracting(c -> c.get("code")).containsExactly("roads", "");
        assertThat(categories).extracting(c -> c.get("name")).containsExactly("Дорожная инфраструктура", "Без категории");
        assertThat((List<Integer>) JsonPath.read(body, "$.byCategory[0].recent[*].received")).containsOnly(10);
        assertThat((List<Integer>) JsonPath.read(body, "$.byCategory[1].recent[*].received")).containsOnly(7);
    }

    @Test
    void theNeighbourIsForecastFromItsOwnMessagesAndOnlyRolesWithTheRightSeeAForecast() throws Exception {
        String body = mvc.perform(get("/api/analytics/forecast").with(Municipalities.staff(OTHER, "smm", "smm-manager")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((List<Integer>) JsonPath.read(body, "$.total.recent[*].received")).hasSize(6).containsOnly(70);
        mvc.perform(get("/api/analytics/forecast").with(Municipalities.staff(TENANT, "analyst", "analyst"))).andExpect(status().isForbidden());
    }

    @Test
    void aMunicipalityWithoutFourWeeksOfHistoryIsToldSo(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "tashtagol", "forecast-new");
        String body = mvc.perform(get("/api/analytics/forecast").with(Municipalities.staff("forecast-new", "smm", "smm-manager")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((Boolean) JsonPath.read(body, "$.total.enoughHistory")).isFalse();
        assertThat((List<?>) JsonPath.read(body, "$.total.weeks")).isEmpty();
        assertThat((Object) JsonPath.read(body, "$.historyFrom")).isNull();
        assertThat((List<?>) JsonPath.read(body, "$.byChannel")).isEmpty();
    }
}
