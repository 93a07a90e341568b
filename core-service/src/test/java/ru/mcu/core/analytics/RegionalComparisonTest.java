package ru.mcu.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

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
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The region's view: two Kuzbass municipalities (region 42) and one of the Altai region (22), with
 * 2, 1 and 3 messages today. The Kuzbass analyst sees the two Kuzbass ones and nothing of Altai; the
 * federal methodologist sees all three; a municipality's staff see none of it. Underneath, as the
 * application's database role: a regional transaction reads only its regions' rows of the regional
 * counts and not one row of any municipality's own tables, and writes nothing.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionalComparisonTest {
    static final String KUZBASS_A = "region-tashtagol";
    static final String KUZBASS_B = "region-tashtagol-2";
    static final String ALTAI = "region-barnaul";

    @Autowired
    MockMvc mvc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RegionalComparison comparison;

    String today;

    @BeforeAll
    void messagesComeIn() throws Exception {
        Municipalities.publish(redis, "tashtagol", KUZBASS_A);
        Municipalities.publish(redis, "tashtagol", KUZBASS_B);
        Municipalities.publish(redis, "barnaul", ALTAI);
        Instant now = Instant.now().minusSeconds(60);
        Municipalities.imMessage(mvc, KUZBASS_A, now, "Яма на дороге");
        Municipalities.imMessage(mvc, KUZBASS_A, now, "Не горит фонарь");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/intake/messages")
                .with(Municipalities.connector(KUZBASS_A, "im")).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"im\",\"externalId\":\"" + java.util.UUID.randomUUID() + "\",\"receivedAt\":\"" + now.truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS) + "\",\"text\":\"Сломана скамейка\",\"category\":\"improvement\"}"))
                .andExpect(status().isCreated());
        Municipalities.imMessage(mvc, KUZBASS_B, now, "Не вывезен мусор");
        for (int i = 0; i < 3; i++) {
            Municipalities.imMessage(mvc, ALTAI, now, "Сосулька над входом " + i);
        }
        Municipalities.analyticsCaughtUp(jdbc, tx, KUZBASS_A, KUZBASS_B, ALTAI);
        // Kuzbass and Altai days differ by an hour at most; the period covers yesterday and today in both.
        today = LocalDate.now(ZoneId.of("Asia/Novokuznetsk")).toString();
    }

    String comparison(RequestPostProcessor who) throws Exception {
        return mvc.perform(get("/api/regional/comparison").param("from", LocalDate.parse(today).minusDays(1).toString()).param("to", today)
                .with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    long received(String json, String slug) {
        List<Integer> found = JsonPath.read(json, "$.municipalities[?(@.slug == '" + slug + "')].current.received");
        return found.isEmpty() ? -1 : found.getFirst();
    }

    @Test
    void theRegionalAnalystSeesTheMunicipalitiesOfTheirRegionSideBySideAndNoOther() throws Exception {
        String json = comparison(Municipalities.regionalAnalyst("42"));
        assertThat(received(json, KUZBASS_A)).isEqualTo(3);
        assertThat(received(json, KUZBASS_B)).isEqualTo(1);
        assertThat(received(json, ALTAI)).as("Altai is another region").isEqualTo(-1);
        assertThat((List<String>) JsonPath.read(json, "$.municipalities[*].region")).containsOnly("42");
        // Tashtagol's template gives its population: per 10,000 inhabitants comes with it.
        assertThat((List<Double>) JsonPath.read(json, "$.municipalities[?(@.slug == '" + KUZBASS_A + "')].current.receivedPer10k")).hasSize(1);
        // Counts only: no message, no text, no person anywhere in the answer.
        assertThat(json).doesNotContain("Яма на дороге").doesNotContain("citizen").doesNotContain("text");
    }

    @Test
    void theFederalMethodologistSeesEveryRegionOrOne() throws Exception {
        String all = comparison(Municipalities.federalMethodologist());
        assertThat(received(all, KUZBASS_A)).isEqualTo(3);
        assertThat(received(all, ALTAI)).isEqualTo(3);
        String altai = mvc.perform(get("/api/regional/comparison").param("from", LocalDate.parse(today).minusDays(1).toString()).param("to", today)
                .param("region", "22").with(Municipalities.federalMethodologist())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(received(altai, ALTAI)).isEqualTo(3);
        assertThat(received(altai, KUZBASS_A)).isEqualTo(-1);
    }

    @Test
    void aMunicipalitysStaffAndAnotherRegionsAnalystGetNothingOfIt() throws Exception {
        mvc.perform(get("/api/regional/comparison").param("from", today).param("to", today).with(Municipalities.staff(KUZBASS_A, "glava", "head")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/regional/comparison").param("from", today).param("to", today).param("region", "42")
                .with(Municipalities.regionalAnalyst("22"))).andExpect(status().isForbidden());
        String altaisView = comparison(Municipalities.regionalAnalyst("22"));
        assertThat(received(altaisView, KUZBASS_A)).isEqualTo(-1);
    }

    long inRegions(String regions, String sql) {
        return tx.execute(status -> {
            jdbc.queryForObject("select set_config('app.regions', ?, true)", String.class, regions);
            return jdbc.queryForObject(sql, Long.class);
        });
    }

    /** As the application's role: what a regional transaction can reach, table by table. */
    @Test
    void aRegionalTransactionReadsItsRegionsCountsAndNothingElse() throws Exception {
        assertThat(inRegions("42", "select count(distinct tenant_id) from regional_daily where tenant_id like 'region-%'")).isEqualTo(2);
        assertThat(inRegions("42", "select count(*) from regional_daily where region_code <> '42'")).isZero();
        assertThat(inRegions("22", "select count(*) from regional_daily where tenant_id = '" + KUZBASS_A + "'")).isZero();
        // A municipality's own tables need a municipality: a regional transaction is refused them, not shown them.
        for (String table : List.of("message", "message_facts", "analytics_daily", "audit_entry")) {
            assertThatThrownBy(() -> inRegions("42", "select count(*) from " + table)).as(table).rootCause().hasMessageContaining("tenant");
        }
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.queryForObject("select set_config('app.regions', '42', true)", String.class);
            jdbc.update("insert into regional_daily (region_code, tenant_id, day, received) values ('42', ?, current_date, 1)", KUZBASS_A);
        })).rootCause().hasMessageContaining("row-level security");
        // And a municipality's transaction sees its own regional rows only, not its neighbours' in the same region.
        Long own = CurrentTenant.call(KUZBASS_B, () -> tx.execute(status -> jdbc.queryForObject(
                "select count(distinct tenant_id) from regional_daily", Long.class)));
        assertThat(own).isEqualTo(1);
    }

    @Test
    void theRegionsViewIsReadOutsideAnyMunicipality() {
        assertThatThrownBy(() -> CurrentTenant.call(KUZBASS_A, () -> comparison.compare(List.of("42"), LocalDate.parse(today), LocalDate.parse(today))))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Two municipalities' counts in a region of their own, as their own transactions keep them. */
    void counted(String tenant, LocalDate day, int answered, int onTime, long answerMinutes, int checked, int accepted) throws Exception {
        counted("99", tenant, day, answered, onTime, answerMinutes, checked, accepted);
    }

    void counted(String region, String tenant, LocalDate day, int answered, int onTime, long answerMinutes, int checked, int accepted) throws Exception {
        CurrentTenant.call(tenant, () -> tx.execute(status -> jdbc.update("insert into regional_daily (region_code, tenant_id, day, received, "
                + "answered, answered_on_time, answered_late, answer_minutes, satisfaction_checked, accepted) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                region, tenant, java.sql.Date.valueOf(day), answered, answered, onTime, answered - onTime, answerMinutes, checked, accepted)));
    }

    String regions(RequestPostProcessor who) throws Exception {
        return mvc.perform(get("/api/regional/regions").param("from", LocalDate.parse(today).minusDays(1).toString()).param("to", today).with(who))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    <T> T region(String json, String code, String path) {
        List<T> found = JsonPath.read(json, "$.regions[?(@.region == '" + code + "')]." + path);
        assertThat(found).as("region " + code + " " + path).hasSize(1);
        return found.getFirst();
    }

    /** The country by region: each region its municipalities' sums, per capita over their population, ranked among the regions. */
    @Test
    void theRegionsSideBySideSumTheirMunicipalitiesAndRankAmongThemselves() throws Exception {
        String kuzbass = regions(Municipalities.regionalAnalyst("42"));
        assertThat((List<String>) JsonPath.read(kuzbass, "$.regions[*].region")).containsExactly("42");
        assertThat((String) region(kuzbass, "42", "name")).isEqualTo("Кемеровская область – Кузбасс");
        // The region's row is the sum of its municipalities' rows in the same period (other tests' Kuzbass municipalities too).
        String municipalities = comparison(Municipalities.regionalAnalyst("42"));
        List<Integer> received = JsonPath.read(municipalities, "$.municipalities[*].current.received");
        List<Integer> populations = JsonPath.read(municipalities, "$.municipalities[?(@.population)].population");
        List<Integer> receivedWithPopulation = JsonPath.read(municipalities, "$.municipalities[?(@.population)].current.received");
        assertThat(received).hasSizeGreaterThanOrEqualTo(2);
        assertThat((Integer) region(kuzbass, "42", "current.received")).isEqualTo(received.stream().mapToInt(Integer::intValue).sum())
                .isGreaterThanOrEqualTo(4);
        assertThat((Integer) region(kuzbass, "42", "municipalities")).isEqualTo(received.size());
        long population = populations.stream().mapToLong(Integer::longValue).sum();
        assertThat(((Number) region(kuzbass, "42", "population")).longValue()).isEqualTo(population);
        assertThat(((Number) region(kuzbass, "42", "current.receivedPer10k")).doubleValue()).as("over the municipalities that give a population")
                .isCloseTo(receivedWithPopulation.stream().mapToInt(Integer::intValue).sum() * 10_000.0 / population, org.assertj.core.data.Offset.offset(0.001));

        LocalDate day = LocalDate.parse(today);
        // Region 97: 9 and 5 of 10 on time (70 %), 7.5 h on average; region 98: 8 of 10 (80 %), 5 h.
        counted("97", "regions-a", day, 10, 9, 10 * 600, 0, 0);
        counted("97", "regions-b", day, 10, 5, 10 * 300, 0, 0);
        counted("98", "regions-c", day, 10, 8, 10 * 300, 0, 0);
        String country = regions(Municipalities.federalMethodologist());
        assertThat((Integer) region(country, "22", "current.received")).isGreaterThanOrEqualTo(3);
        assertThat((String) region(country, "22", "name")).isEqualTo("Алтайский край");
        assertThat((Integer) region(country, "42", "current.received")).isEqualTo(region(kuzbass, "42", "current.received"));
        assertThat((Integer) region(country, "97", "current.received")).isEqualTo(20);
        assertThat((Integer) region(country, "97", "municipalities")).isEqualTo(2);
        assertThat((Object) region(country, "97", "population")).as("no template gives their population").isNull();
        assertThat(((Number) region(country, "97", "current.onTimeShare")).doubleValue()).isEqualTo(0.7);
        assertThat(((Number) region(country, "97", "current.meanAnswerHours")).doubleValue()).isEqualTo(7.5);
        assertThat((Integer) region(country, "98", "ranks.onTimeShare.place")).isLessThan(region(country, "97", "ranks.onTimeShare.place"));
        assertThat((Integer) region(country, "98", "ranks.meanAnswerHours.place")).as("less time is better")
                .isLessThan(region(country, "97", "ranks.meanAnswerHours.place"));
        assertThat((Object) region(country, "97", "ranks.onTimeShare.previousPlace")).as("nothing answered before: no place").isNull();
        assertThat((String) region(country, "97", "name")).as("no template names it: its code").isEqualTo("97");
        assertThat(country).doesNotContain(KUZBASS_A).doesNotContain("Яма на дороге");

        mvc.perform(get("/api/regional/regions").param("from", today).param("to", today).with(Municipalities.staff(KUZBASS_A, "glava", "head")))
                .andExpect(status().isForbidden());
        assertThat((List<String>) JsonPath.read(regions(Municipalities.regionalAnalyst("22")), "$.regions[*].region")).containsExactly("22");
    }

    @Test
    void eachMeasureRanksTheRegionsMunicipalitiesBestFirstNowAndBefore() throws Exception {
        LocalDate day = LocalDate.parse(today);
        // Now: A answers 9 of 10 on time in 10 h on average, B 5 of 10 in 5 h; before, the other way round on time.
        counted("rank-a", day, 10, 9, 10 * 600, 4, 3);
        counted("rank-b", day, 10, 5, 10 * 300, 4, 4);
        counted("rank-a", day.minusDays(2), 10, 2, 10 * 600, 0, 0);
        counted("rank-b", day.minusDays(2), 10, 8, 10 * 600, 0, 0);
        String json = mvc.perform(get("/api/regional/comparison").param("from", day.minusDays(1).toString()).param("to", today).param("region", "99")
                .with(Municipalities.federalMethodologist())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String a = "$.municipalities[?(@.slug == 'rank-a')]";
        String b = "$.municipalities[?(@.slug == 'rank-b')]";
        assertThat((List<Integer>) JsonPath.read(json, a + ".ranks.onTimeShare.place")).containsExactly(1);
        assertThat((List<Integer>) JsonPath.read(json, a + ".ranks.onTimeShare.previousPlace")).containsExactly(2);
        assertThat((List<Integer>) JsonPath.read(json, b + ".ranks.onTimeShare.place")).containsExactly(2);
        assertThat((List<Integer>) JsonPath.read(json, b + ".ranks.meanAnswerHours.place")).as("less time is better").containsExactly(1);
        assertThat((List<Integer>) JsonPath.read(json, a + ".ranks.meanAnswerHours.place")).containsExactly(2);
        assertThat((List<Integer>) JsonPath.read(json, b + ".ranks.acceptedShare.place")).containsExactly(1);
        assertThat((List<Double>) JsonPath.read(json, a + ".current.acceptedShare")).containsExactly(0.75);
        assertThat((List<Object>) JsonPath.read(json, a + ".ranks.acceptedShare.previousPlace")).as("no verdicts before: no place")
                .containsExactly((Object) null);
    }

    /** A municipality's categories month by month, for its region's analyst and the methodologist only. */
    @Test
    void eachMunicipalitysCategoriesOverTimeForItsRegionOnly() throws Exception {
        LocalDate day = LocalDate.parse(today);
        String path = "/api/regional/municipalities/" + KUZBASS_A + "/categories";
        String json = mvc.perform(get(path).param("from", day.minusDays(1).toString()).param("to", today).with(Municipalities.regionalAnalyst("42")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String month = day.minusDays(1).withDayOfMonth(1).toString();
        assertThat((List<Integer>) JsonPath.read(json, "$.months[?(@.category == 'improvement')].received")).containsExactly(1);
        assertThat((List<String>) JsonPath.read(json, "$.months[?(@.category == 'improvement')].name")).containsExactly("Благоустройство");
        assertThat((List<Integer>) JsonPath.read(json, "$.months[?(@.category == null)].received")).as("two with no category").containsExactly(2);
        assertThat((List<String>) JsonPath.read(json, "$.months[*].month")).allMatch(m -> m.compareTo(month) >= 0);
        assertThat(json).doesNotContain("Сломана скамейка");
        mvc.perform(get(path).param("from", today).param("to", today).with(Municipalities.federalMethodologist())).andExpect(status().isOk());
        mvc.perform(get(path).param("from", today).param("to", today).with(Municipalities.regionalAnalyst("22")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:mcu:problem:region-not-yours"));
        mvc.perform(get(path).param("from", today).param("to", today).with(Municipalities.staff(KUZBASS_A, "glava", "head")))
                .andExpect(status().isForbidden());
        // As the application's role: another region's transaction reads no category row of this one.
        assertThat(inRegions("22", "select count(*) from regional_categories where tenant_id = '" + KUZBASS_A + "'")).isZero();
        assertThat(inRegions("42", "select sum(received) from regional_categories where tenant_id = '" + KUZBASS_A + "'")).isEqualTo(3);
    }
}
