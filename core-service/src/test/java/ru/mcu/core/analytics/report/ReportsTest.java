package ru.mcu.core.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
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

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.stack.Net;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Reports made in the background and read back as a user would open them: the dashboard as a PDF
 * (its text extracted) and as a workbook, Tashtagol's weekly report to its head made on schedule and
 * received over real SMTP (GreenMail on 127.0.0.1) with the PDF attached, once per week; and none
 * of it reachable from another municipality, as the application's database role.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsTest {
    static final String TENANT = "reports-tashtagol";
    static final String OTHER = "reports-other";
    static final ZoneId ZONE = ZoneId.of("Asia/Novokuznetsk");
    static final RequestPostProcessor HEAD = Municipalities.staff(TENANT, "rukovoditel", "head");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Net.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    MockMvc mvc;
    @Autowired
    ReportSchedule schedule;
    @Autowired
    TenantStatuses tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    LocalDate today;

    @BeforeAll
    void threeMessages(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "tashtagol", OTHER);
        for (String text : List.of("Яма на дороге", "Не горит фонарь", "Не вывезен мусор")) {
            Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(300), text);
        }
        today = LocalDate.now(ZONE);
        Municipalities.analyticsCaughtUp(jdbc, tx, TENANT);
    }

    String order(String body, RequestPostProcessor who) throws Exception {
        String started = mvc.perform(post("/api/reports").with(who).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted()).andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/reports/")))
                .andExpect(jsonPath("$.status").value("running")).andReturn().getResponse().getContentAsString();
        return JsonPath.read(started, "$.id");
    }

    String awaitDone(String id, RequestPostProcessor who) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(JsonPath.read(mvc.perform(get("/api/reports/" + id).with(who))
                .andReturn().getResponse().getContentAsString(), "$.status")));
        try {
            return mvc.perform(get("/api/reports/" + id).with(who)).andExpect(jsonPath("$.status").value("done"))
                    .andExpect(jsonPath("$.progress").value(100)).andReturn().getResponse().getContentAsString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void theDashboardAsAPdfReportInRussian() throws Exception {
        String id = order("{\"kind\":\"dashboard\",\"format\":\"pdf\",\"from\":\"" + today.minusDays(6) + "\",\"to\":\"" + today + "\"}", HEAD);
        awaitDone(id, HEAD);
        var file = mvc.perform(get("/api/reports/" + id + "/file").with(HEAD)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf")).andReturn().getResponse();
        assertThat(file.getHeader("Content-Disposition")).contains(".pdf");
        String text = text(file.getContentAsByteArray());
        String name = tenants.configuration(TENANT).orElseThrow().name();
        assertThat(text).contains("Аналитика МЦУ: " + name).contains("Показатели").contains("Asia/Novokuznetsk");
        // The three messages of the period, on the measures' first line, against none before.
        assertThat(text).containsPattern("Поступило\\s+3\\s+0");
        assertThat(text).contains(tenants.configuration(TENANT).orElseThrow().channel("im").orElseThrow().name());
    }

    @Test
    void theDashboardAsAWorkbookInTheBackground() throws Exception {
        String id = order("{\"kind\":\"dashboard\",\"format\":\"xlsx\",\"from\":\"" + today.minusDays(6) + "\",\"to\":\"" + today + "\"}", HEAD);
        awaitDone(id, HEAD);
        byte[] book = mvc.perform(get("/api/reports/" + id + "/file").with(HEAD)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(book))) {
            var measures = workbook.getSheet("Показатели");
            assertThat(measures.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Поступило");
            assertThat(measures.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3);
        }
        mvc.perform(get("/api/reports").with(HEAD)).andExpect(jsonPath("$[*].id", org.hamcrest.Matchers.hasItem(id)));
    }

    @Test
    void theWeeklyReportToTheHeadIsMadeOnScheduleOnceAndReceivedByMail() throws Exception {
        mvc.perform(put("/api/notifications/mail-server").with(HEAD).contentType(MediaType.APPLICATION_JSON)
                .content("{\"host\":\"127.0.0.1\",\"port\":" + smtp.getSmtp().getPort() + ",\"from\":\"mcu@tashtagol.example\"}"))
                .andExpect(status().isOk());
        mvc.perform(put("/api/reports/duties/weekly-head/recipients").with(HEAD).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"emails\":[\"glava@tashtagol.example\", \" glava@tashtagol.example\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.emails.length()").value(1)).andExpect(jsonPath("$.frequency").value("weekly"));

        Instant now = Instant.now();
        var config = tenants.configuration(TENANT).orElseThrow();
        List<Reports.Report> begun = CurrentTenant.call(TENANT, () -> schedule.round(config, now));
        assertThat(begun).extracting(Reports.Report::kind).containsExactly("weekly-head");
        ReportSchedule.Period week = ReportSchedule.lastEnded("weekly", today);
        assertThat(begun.getFirst().from()).isEqualTo(week.from());
        String done = awaitDone(begun.getFirst().id().toString(), HEAD);
        assertThat((List<String>) JsonPath.read(done, "$.emailedTo")).containsExactly("glava@tashtagol.example");
        assertThat(CurrentTenant.call(TENANT, () -> schedule.round(config, now.plusSeconds(3600)))).as("once a week").isEmpty();

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("glava@tashtagol.example");
        assertThat(mail.getSubject()).startsWith("Еженедельное информирование главы Таштагольского муниципального района");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        byte[] attached = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if ("application/pdf".equals(parts.getBodyPart(i).getContentType().split(";")[0].trim())) {
                attached = parts.getBodyPart(i).getInputStream().readAllBytes();
            }
        }
        assertThat(attached).as("the PDF attached").isNotNull();
        String text = text(attached);
        assertThat(text).contains("Еженедельное информирование главы").contains("Получатель: Глава Таштагольского муниципального района")
                .contains("Основание: Положение, п. 10, пп. 14");
        mvc.perform(get("/api/reports/duties").with(HEAD)).andExpect(jsonPath("$[?(@.code == 'weekly-head')].latest.id")
                .value(begun.getFirst().id().toString()));
    }

    @Test
    void theLastEndedPeriodOfEachFrequency() {
        LocalDate thursday = LocalDate.parse("2026-12-03");
        assertThat(ReportSchedule.lastEnded("daily", thursday)).isEqualTo(new ReportSchedule.Period(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-02")));
        assertThat(ReportSchedule.lastEnded("weekly", thursday)).isEqualTo(new ReportSchedule.Period(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29")));
        assertThat(ReportSchedule.lastEnded("weekly", LocalDate.parse("2026-11-30"))).as("on a Monday, the week just ended")
                .isEqualTo(new ReportSchedule.Period(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29")));
        assertThat(ReportSchedule.lastEnded("monthly", thursday)).isEqualTo(new ReportSchedule.Period(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
        assertThat(ReportSchedule.lastEnded("quarterly", thursday)).isEqualTo(new ReportSchedule.Period(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30")));
        assertThat(ReportSchedule.lastEnded("monthly", LocalDate.parse("2027-01-15"))).isEqualTo(new ReportSchedule.Period(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31")));
    }

    @Test
    void anotherMunicipalityReachesNoneOfItsReports() throws Exception {
        String id = order("{\"kind\":\"dashboard\",\"format\":\"pdf\",\"from\":\"" + today + "\",\"to\":\"" + today + "\"}", HEAD);
        awaitDone(id, HEAD);
        mvc.perform(put("/api/reports/duties/editor-reporting/recipients").with(HEAD).contentType(MediaType.APPLICATION_JSON)
                .content("{\"emails\":[\"editor@tashtagol.example\"]}")).andExpect(status().isOk());
        RequestPostProcessor foreign = Municipalities.staff(OTHER, "rukovoditel", "head");
        mvc.perform(get("/api/reports/" + id).with(foreign)).andExpect(status().isNotFound());
        mvc.perform(get("/api/reports/" + id + "/file").with(foreign)).andExpect(status().isNotFound());
        mvc.perform(get("/api/reports").with(foreign)).andExpect(jsonPath("$[*].id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id))));
        mvc.perform(get("/api/reports/duties").with(foreign)).andExpect(jsonPath("$[?(@.code == 'editor-reporting')].emails[*]").isEmpty());
        // As the application's database role: the other municipality's transaction reads and changes nothing of it.
        Long seen = CurrentTenant.call(OTHER, () -> tx.execute(s -> jdbc.queryForObject("select count(*) from report where id = ?::uuid", Long.class, id)));
        assertThat(seen).isZero();
        Integer changed = CurrentTenant.call(OTHER, () -> tx.execute(s -> jdbc.update("update report set title = 'x' where id = ?::uuid", id)));
        assertThat(changed).isZero();
        Long recipients = CurrentTenant.call(OTHER, () -> tx.execute(s -> jdbc.queryForObject("select count(*) from report_recipients", Long.class)));
        assertThat(recipients).isZero();
    }
}
