package ru.mcu.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The dashboard's measures on a small set worked out by hand: four messages of Barnaul's «Инцидент
 * менеджмент» taken through its regulation by its staff through the API (docs/analytics.md has the
 * formulas). Each time is known to the second, so each expected figure is written down here.
 *
 * <pre>
 *   message  received    first reply     answered                 result
 *   M1       3 h ago     with the answer now, on time (due +2 d)  resolved   recipient: Ленинский район
 *   M2       5 h ago     with the answer now, late (due passed)   explained  recipient: Октябрьский район
 *   M3       1 h ago     reply-first now                           —          none
 *   M4       4 days ago  with the answer now, on time              resolved   recipient: Ленинский район
 * </pre>
 * Territories: M1, M3 and M4 in the Leninsky district, M2 in the Oktyabrsky; category (block) «city-districts»
 * for all but M3, which has none.
 * Period: the last three days (today in Barnaul and the two before); previous: the three before that.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest {
    static final String TENANT = "analytics-barnaul";
    static final String OTHER = "analytics-ishim";
    static final ZoneId ZONE = ZoneId.of("Asia/Barnaul");
    /** Barnaul's district administrations, responsible recipients of its «city-districts» block. */
    static final String LENINSKY = "adm-leninsky";
    static final String OKTYABRSKY = "adm-oktyabrsky";
    static final RequestPostProcessor STAFF = Municipalities.staff(TENANT, "sotrudnik", "staff");
    static final RequestPostProcessor EXECUTOR = Municipalities.staff(TENANT, "ispolnitel", "staff");

    @Autowired
    MockMvc mvc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AnalyticsCheck check;
    @Autowired
    TenantStatuses tenants;

    LocalDate today;
    String summary;
    String previousRound;

    @BeforeAll
    void fourMessagesWorkedThrough() throws Exception {
        Municipalities.publish(redis, "barnaul", TENANT);
        Municipalities.publish(redis, "ishim", OTHER);
        Municipalities.publishStaff(redis, TENANT, "ispolnitel=staff", "sotrudnik=staff");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String m1 = received(now.minus(3, ChronoUnit.HOURS), "\"territory\":\"leninsky\",\"category\":\"city-districts\","
                + "\"latitude\":53.34812,\"longitude\":83.77641");
        String m2 = received(now.minus(5, ChronoUnit.HOURS), "\"territory\":\"oktyabrsky\",\"category\":\"city-districts\","
                + "\"latitude\":53.34838,\"longitude\":83.77612");
        String m3 = received(now.minus(1, ChronoUnit.HOURS), "\"territory\":\"leninsky\"");
        String m4 = received(now.minus(4, ChronoUnit.DAYS), "\"territory\":\"leninsky\",\"category\":\"city-districts\"");
        assign(m1, Instant.now().plus(2, ChronoUnit.DAYS), LENINSKY);
        assign(m4, Instant.now().plus(2, ChronoUnit.DAYS), LENINSKY);
        Instant soon = Instant.now().plus(3, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        assign(m2, soon, OKTYABRSKY);
        act(m3, "take-into-work", STAFF, "{}");
        act(m3, "reply-first", STAFF, "{\"answer\":\"Приняли, разбираемся\"}");
        while (Instant.now().isBefore(soon.plusMillis(300))) {
            Thread.sleep(100);
        }
        answer(m1, "resolved");
        answer(m2, "explained");
        answer(m4, "resolved");
        today = LocalDate.now(ZONE);
        Municipalities.analyticsCaughtUp(jdbc, tx, TENANT);
        summary = summary(today.minusDays(2), today, "day");
    }

    String received(Instant at, String where) throws Exception {
        String body = mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, "im")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"im\",\"externalId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\"" + at
                                + "\",\"text\":\"Не вывезен мусор\"," + where + "}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    void assign(String id, Instant due, String recipient) throws Exception {
        act(id, "take-into-work", STAFF, "{}");
        act(id, "assign", STAFF, "{\"executor\":\"ispolnitel\",\"recipient\":\"" + recipient + "\",\"deadline\":\""
                + due.truncatedTo(ChronoUnit.SECONDS) + "\"}");
    }

    void answer(String id, String result) throws Exception {
        act(id, "answer", EXECUTOR, "{\"answer\":\"Мусор вывезен\",\"resultStatus\":\"" + result + "\"}");
    }

    void act(String id, String action, RequestPostProcessor who, String body) throws Exception {
        mvc.perform(post("/api/messages/" + id + "/actions/" + action).with(who).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
    }

    String summary(LocalDate from, LocalDate to, String trend) throws Exception {
        return mvc.perform(get("/api/analytics/summary").param("from", from.toString()).param("to", to.toString()).param("trend", trend)
                .with(Municipalities.staff(TENANT, "glava", "head"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    long count(String tenant, String sql) {
        try {
            Long n = CurrentTenant.call(tenant, () -> tx.execute(status -> jdbc.queryForObject(sql, Long.class)));
            return n == null ? 0 : n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int update(String tenant, String sql, Object... args) {
        try {
            Integer n = CurrentTenant.call(tenant, () -> tx.execute(status -> jdbc.update(sql, args)));
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    AnalyticsCheck.Result checked() {
        Municipalities.analyticsCaughtUp(jdbc, tx, TENANT);
        try {
            return CurrentTenant.call(TENANT, () -> check.check(tenants.current()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    double number(String json, String path) {
        return ((Number) JsonPath.read(json, path)).doubleValue();
    }

    @Test
    void volumeCountsWhatCameInDuringThePeriodAndPerTenThousandInhabitants() {
        assertThat(number(summary, "$.current.received")).isEqualTo(3);
        // Barnaul's template gives 631,000 inhabitants: 3 × 10,000 / 631,000.
        assertThat(number(summary, "$.current.receivedPer10k")).isCloseTo(0.048, within(0.0005));
        assertThat(number(summary, "$.previous.received")).as("M4 came in before the period").isEqualTo(1);
        assertThat(number(summary, "$.byChannel[0].received")).isEqualTo(3);
        assertThat((String) JsonPath.read(summary, "$.byChannel[0].name")).isEqualTo("Автоматизированная система «Инцидент-менеджмент»");
        assertThat((Integer) JsonPath.read(summary, "$.population")).isEqualTo(631_000);
    }

    @Test
    void answersCountOnTheDayOfTheAnswerWithTheirDeadlinesVerdict() {
        assertThat(number(summary, "$.current.answered")).as("M1, M2 and M4, whenever they came in").isEqualTo(3);
        assertThat(number(summary, "$.current.answeredOnTime")).isEqualTo(2);
        assertThat(number(summary, "$.current.answeredLate")).isEqualTo(1);
        assertThat(number(summary, "$.current.onTimeShare")).isCloseTo(2 / 3.0, within(0.001));
        assertThat(number(summary, "$.current.lateShare")).isCloseTo(1 / 3.0, within(0.001));
        assertThat(number(summary, "$.previous.answered")).isZero();
        assertThat(number(summary, "$.current.resolved")).isEqualTo(2);
        assertThat(number(summary, "$.current.explained")).isEqualTo(1);
    }

    @Test
    void timeToAnswerIsTheMeanAndMedianOfWallClockHours() {
        // (3 + 5 + 96) / 3 hours; the median is M2's 5 hours. A minute of slack for the seconds the steps took.
        assertThat(number(summary, "$.current.meanAnswerHours")).isCloseTo(104 / 3.0, within(0.02));
        assertThat(number(summary, "$.current.medianAnswerHours")).isCloseTo(5, within(0.02));
    }

    @Test
    void theFirstReplyIsTheFirstResponseOrElseTheAnswer() {
        // M3 by its reply-first after 1 hour; M1, M2 and M4 by their answers: (1 + 3 + 5 + 96) / 4.
        assertThat(number(summary, "$.current.firstReplied")).isEqualTo(4);
        assertThat(number(summary, "$.current.meanFirstReplyHours")).isCloseTo(105 / 4.0, within(0.02));
    }

    @Test
    void theTrendAndTheBacklog() throws Exception {
        long received = 0;
        for (Object point : (java.util.List<?>) JsonPath.read(summary, "$.trend")) {
            received += ((Number) ((java.util.Map<?, ?>) point).get("received")).longValue();
        }
        assertThat(received).as("the days' received add up to the period's").isEqualTo(3);
        String monthly = summary(today.minusDays(40), today, "month");
        assertThat((String) JsonPath.read(monthly, "$.trend[-1].from")).isEqualTo(today.withDayOfMonth(1).toString());
        // None of the four is final: answered in ИМ waits for approval and the citizen.
        assertThat(number(summary, "$.backlog.open")).isEqualTo(4);
        assertThat(number(summary, "$.backlog.over30Days")).isZero();
    }

    @Test
    void theCountsEqualWhatTheMessagesGiveAndADifferenceIsReported() {
        AnalyticsCheck.Result clean = checked();
        assertThat(clean.messages()).isEqualTo(4);
        assertThat(clean.differences()).isEmpty();
        // One row of the counts is made wrong, as a bug would: the check names it.
        String row = "day = (select max(day) from analytics_daily where recipient = '" + LENINSKY + "' and received > 0) and recipient = '"
                + LENINSKY + "'";
        try {
            assertThat(update(TENANT, "update analytics_daily set received = received + 1 where " + row)).isEqualTo(1);
            AnalyticsCheck.Result broken = checked();
            assertThat(broken.differences()).hasSize(1).first().asString().contains("received").contains(LENINSKY);
        } finally {
            update(TENANT, "update analytics_daily set received = received - 1 where " + row);
        }
        assertThat(checked().differences()).isEmpty();
    }

    /**
     * Barnaul's «recipients» rating (volume, timeliness, completeness; no weights, so equal; no minimum):
     * Ленинский район — received 1 (M1), on time 2 of 2 answers (M1, M4), 1 of 1 received answered;
     * Октябрьский — received 1 (M2), on time 0 of 1, 1 of 1 answered. Scaled across the two: volume
     * equal (1, 1), timeliness 1 and 0, completeness equal (1, 1): scores 3/3 = 1 and 2/3 = 0.667.
     */
    @Test
    void recipientsAreRatedByTheTemplatesCriteriaWithTheFiguresBehindTheirPlaces() throws Exception {
        String json = mvc.perform(get("/api/analytics/ratings").param("from", today.minusDays(2).toString()).param("to", today.toString())
                .with(Municipalities.staff(TENANT, "glava", "head"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String recipients = "$[?(@.code == 'recipients')]";
        assertThat((java.util.List<String>) JsonPath.read(json, recipients + ".places[*].code")).containsExactly(LENINSKY, OKTYABRSKY);
        assertThat((java.util.List<Integer>) JsonPath.read(json, recipients + ".places[*].place")).containsExactly(1, 2);
        assertThat((java.util.List<Double>) JsonPath.read(json, recipients + ".places[*].score")).containsExactly(1.0, 0.667);
        assertThat((java.util.List<Object>) JsonPath.read(json, recipients + ".places[1].figures.timeliness")).containsExactly(0.0);
        assertThat((java.util.List<String>) JsonPath.read(json, recipients + ".places[0].name")).containsExactly("администрация Ленинского района города Барнаула");
        // Nothing in the messages says which are about digital transformation: that rating says it is not computed.
        assertThat((java.util.List<String>) JsonPath.read(json, "$[?(@.code == 'digital-transformation')].notComputed")).hasSize(1);
    }

    /**
     * Workload: all four are open and at the executor «ispolnitel» but M3, which nobody was given; M1, M2
     * and M4 (block «city-districts») answered in the period by «ispolnitel»; M3 has no block.
     */
    @Test
    void theWorkloadOfEachBlockAndExecutor() throws Exception {
        String json = mvc.perform(get("/api/analytics/workload").param("from", today.minusDays(2).toString()).param("to", today.toString())
                .with(Municipalities.staff(TENANT, "glava", "head"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.byExecutor[?(@.code == 'ispolnitel')].open")).containsExactly(3);
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.byExecutor[?(@.code == 'ispolnitel')].answered")).containsExactly(3);
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.byExecutor[?(@.code == null)].open")).containsExactly(1);
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.byBlock[?(@.code == 'city-districts')].open")).containsExactly(3);
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.byBlock[?(@.code == 'city-districts')].answered")).containsExactly(3);
    }

    /** Categories × territories of the period's three messages: 1 + 1 in «city-districts», 1 with no category. */
    @Test
    void theHeatMapCrossesCategoriesWithTerritories() throws Exception {
        String json = mvc.perform(get("/api/analytics/heatmap").param("from", today.minusDays(2).toString()).param("to", today.toString())
                .with(Municipalities.staff(TENANT, "glava", "head"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.cells[?(@.category == 'city-districts' && @.territory == 'leninsky')].received"))
                .containsExactly(1);
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.cells[?(@.category == 'city-districts' && @.territory == 'oktyabrsky')].received"))
                .containsExactly(1);
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.cells[?(@.category == '' && @.territory == 'leninsky')].received"))
                .containsExactly(1);
        assertThat((java.util.List<String>) JsonPath.read(json, "$.territories[*].code")).containsExactly("leninsky", "oktyabrsky");
        assertThat((java.util.List<Integer>) JsonPath.read(json, "$.territories[*].received")).containsExactly(2, 1);
        assertThat((String) JsonPath.read(json, "$.territories[0].name")).isEqualTo("Ленинский район");
        assertThat(number(json, "$.cells[0].receivedPer10k")).isCloseTo(10_000.0 / 631_000, within(0.0005));
    }

    /** The map: M1 and M2 were some 30 m apart, one place of «city-districts»; M3 and M4 had no coordinates. */
    @Test
    void theMapShowsWhereThePeriodsMessagesWere() throws Exception {
        String json = mvc.perform(get("/api/analytics/places").param("from", today.minusDays(2).toString()).param("to", today.toString())
                .with(Municipalities.staff(TENANT, "glava", "head"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(number(json, "$.received")).isEqualTo(3);
        assertThat(number(json, "$.located")).isEqualTo(2);
        assertThat((java.util.List<?>) JsonPath.read(json, "$.places")).hasSize(1);
        assertThat(number(json, "$.places[0].latitude")).isEqualTo(53.348);
        assertThat(number(json, "$.places[0].longitude")).isEqualTo(83.776);
        assertThat(number(json, "$.places[0].received")).isEqualTo(2);
        assertThat((String) JsonPath.read(json, "$.places[0].categoryName")).isEqualTo("Отраслевые тематические блоки администраций районов города");
        assertThat(json).doesNotContain("Не вывезен мусор");
    }

    /** The export, opened as Excel would open it: the same figures as the dashboard, a sheet per table and one per rating. */
    @Test
    void theExportIsAWorkbookWithTheDashboardsFigures() throws Exception {
        var response = mvc.perform(get("/api/analytics/export").param("from", today.minusDays(2).toString()).param("to", today.toString())
                .with(Municipalities.staff(TENANT, "glava", "head"))).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.getHeader("Content-Disposition")).contains("attachment").contains(".xlsx");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(response.getContentAsByteArray()))) {
            var measures = book.getSheet("Показатели");
            assertThat(measures.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Поступило");
            assertThat(measures.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3);
            assertThat(measures.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(1);
            assertThat(measures.getRow(6).getCell(0).getStringCellValue()).isEqualTo("Доля в срок");
            assertThat(measures.getRow(6).getCell(1).getNumericCellValue()).isCloseTo(2 / 3.0, within(0.001));
            assertThat(book.getSheet("Каналы").getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3);
            var rating = book.getSheet("Рейтинг recipients");
            assertThat(rating.getRow(1).getCell(1).getStringCellValue()).isEqualTo("администрация Ленинского района города Барнаула");
            assertThat(rating.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(1.0);
            assertThat(rating.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(0.667);
        }
        // A block head reads the dashboard but may not take the figures away (no analytics.export in Barnaul's template).
        mvc.perform(get("/api/analytics/export").param("from", today.toString()).param("to", today.toString())
                .with(Municipalities.staff(TENANT, "nachalnik-bloka", "block-head"))).andExpect(status().isForbidden());
    }

    /** Isolation as the application's role: another municipality reads none of these counts, by the API or the tables, and writes none. */
    @Test
    void anotherMunicipalitySeesNoneOfIt() throws Exception {
        String others = mvc.perform(get("/api/analytics/summary").param("from", today.minusDays(2).toString()).param("to", today.toString())
                .with(Municipalities.staff(OTHER, "glava", "head"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(number(others, "$.current.received")).isZero();
        assertThat(number(others, "$.current.answered")).isZero();
        assertThat(number(others, "$.backlog.open")).isZero();
        // Every other analytics path, asked by the other municipality over the same period, is empty of these messages.
        var otherHead = Municipalities.staff(OTHER, "glava", "head");
        String period = "from=" + today.minusDays(2) + "&to=" + today;
        String heat = mvc.perform(get("/api/analytics/heatmap?" + period).with(otherHead)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((java.util.List<?>) JsonPath.read(heat, "$.cells")).isEmpty();
        String places = mvc.perform(get("/api/analytics/places?" + period).with(otherHead)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((java.util.List<?>) JsonPath.read(places, "$.places")).isEmpty();
        assertThat(number(places, "$.received")).isZero();
        String load = mvc.perform(get("/api/analytics/workload?" + period).with(otherHead)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((java.util.List<?>) JsonPath.read(load, "$.byExecutor")).isEmpty();
        assertThat((java.util.List<?>) JsonPath.read(load, "$.byBlock")).isEmpty();
        String rated = mvc.perform(get("/api/analytics/ratings?" + period).with(otherHead)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((java.util.List<?>) JsonPath.read(rated, "$[*].places[*]")).isEmpty();
        byte[] book = mvc.perform(get("/api/analytics/export?" + period).with(Municipalities.staff(OTHER, "otvetstvenny", "responsible-executor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(book))) {
            assertThat(workbook.getSheet("Показатели").getRow(1).getCell(1).getNumericCellValue()).as("received, in the other's export").isZero();
            assertThat(workbook.getSheet("Каналы").getLastRowNum()).as("no channel row").isZero();
        }
        assertThat(count(OTHER, "select (select count(*) from analytics_daily) + (select count(*) from message_facts)")).isZero();
        assertThat(count(TENANT, "select count(*) from message_facts")).isEqualTo(4);
        assertThatThrownBy(() -> update(OTHER, "insert into analytics_daily (tenant_id, day, channel, block, recipient, territory, received) "
                + "values (?, current_date, 'im', '', '', '', 1)", TENANT)).rootCause().hasMessageContaining("row-level security");
        assertThat(update(OTHER, "update analytics_daily set received = 0")).isZero();
    }
}
