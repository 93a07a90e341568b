package ru.mcu.core.roadmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Roadmaps through the API, as the application's database role, in the Irkutsk district (its head and
 * block heads make them, its curator reads them; the act names no approver) and in a copy of it whose
 * template names the curator as the approver. The effect, on an imported archive of «дороги» messages
 * (days ago): 25, 22, 18 and 15 before the measure done 10 days ago, 5 after it; an «образование» message
 * 12 days ago that is not the cluster's. Before: 4 in 30 days; after: 1 in 9 days (to yesterday); the daily
 * rate changes by (1/9) / (4/30) − 1 = −16.7 %.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoadmapsTest {
    static final String TENANT = "roadmaps-irkutsk";
    static final String APPROVING = "roadmaps-approving";
    static final String OTHER = "roadmaps-neighbour";
    static final ZoneId ZONE = ZoneId.of("Asia/Irkutsk");
    static final RequestPostProcessor HEAD = Municipalities.staff(TENANT, "glava-mcu", "head");
    static final RequestPostProcessor CURATOR = Municipalities.staff(TENANT, "kurator", "curator");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    LocalDate today;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void municipalities(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "irkutsk-district", TENANT);
        Municipalities.publish(redis, "irkutsk-district", OTHER);
        Municipalities.publish(redis, "irkutsk-district", APPROVING, "ACTIVE", tree -> tree.put("roadmaps",
                Map.of("approvedBy", List.of("curator"), "source", Map.of("seed", "000_ebfca4f0a9c8146a.txt", "point", "тестовое правило"))));
        today = LocalDate.now(ZONE);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder csv = new StringBuilder("channel,externalId,receivedAt,text,category\n");
        for (int daysAgo : new int[] {25, 22, 18, 15, 5}) {
            csv.append("im,").append(UUID.randomUUID()).append(',').append(now.minus(daysAgo, ChronoUnit.DAYS)).append(",Яма на дороге в Хомутово,roads\n");
        }
        csv.append("im,").append(UUID.randomUUID()).append(',').append(now.minus(12, ChronoUnit.DAYS)).append(",Нет учителя физики,education\n");
        String started = mvc.perform(post("/api/imports").param("format", "csv").with(HEAD).contentType("text/plain;charset=UTF-8")
                .content(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).andExpect(status().isAccepted()).andReturn().getResponse()
                .getContentAsString();
        String job = JsonPath.read(started, "$.id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(JsonPath.read(mvc.perform(get("/api/imports/" + job).with(HEAD))
                .andReturn().getResponse().getContentAsString(), "$.status")));
        Municipalities.analyticsCaughtUp(jdbc, tx, TENANT);
    }

    String roadmap(LocalDate firstDue, LocalDate secondDue) {
        return "{\"title\":\"Ямочный ремонт дорог района\",\"cause\":\"Дороги не ремонтируются после зимы: нет плана работ\",\"category\":\"roads\","
                + "\"measures\":[{\"text\":\"Составить план ямочного ремонта\",\"ownerKind\":\"recipient\",\"owner\":\"property-committee\",\"due\":\""
                + firstDue + "\"},{\"text\":\"Проверить подрядчика\",\"ownerKind\":\"block\",\"owner\":\"property-infrastructure\",\"due\":\"" + secondDue + "\"}]}";
    }

    ResultActions create(RequestPostProcessor who, String body) throws Exception {
        return mvc.perform(post("/api/roadmaps").with(who).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    ResultActions progress(RequestPostProcessor who, String id, String measure, String body) throws Exception {
        return mvc.perform(put("/api/roadmaps/" + id + "/measures/" + measure).with(who).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void aRoadmapIsMadeItsMeasuresDoneAndTheirEffectMeasured() throws Exception {
        String made = create(HEAD, roadmap(today.plusDays(20), today.minusDays(1))).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("adopted")).andExpect(jsonPath("$.categoryName").value("дороги"))
                .andExpect(jsonPath("$.territoryName").value("все территории"))
                .andExpect(jsonPath("$.measures[0].ownerName").value(org.hamcrest.Matchers.startsWith("Комитет по управлению муниципальным имуществом")))
                .andExpect(jsonPath("$.measures[1].overdue").value(true)).andExpect(jsonPath("$.overdue").value(1))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(made, "$.id");
        String first = JsonPath.read(made, "$.measures[0].id");

        String done = progress(HEAD, id, first, "{\"status\":\"done\",\"doneOn\":\"" + today.minusDays(10) + "\"}").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat((Integer) JsonPath.read(done, "$.done")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(done, "$.measures[0].effect.before")).isEqualTo(4);
        assertThat((Integer) JsonPath.read(done, "$.measures[0].effect.after")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(done, "$.measures[0].effect.afterDays")).isEqualTo(9);
        assertThat((Double) JsonPath.read(done, "$.measures[0].effect.change")).isEqualTo(-0.167);
        assertThat((String) JsonPath.read(done, "$.effect.on")).isEqualTo(today.minusDays(10).toString());

        // Roadmaps and their effect are part of the reports: the dashboard's PDF lists this one.
        String report = JsonPath.read(mvc.perform(post("/api/reports").with(HEAD).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"dashboard\",\"format\":\"pdf\",\"from\":\"" + today.minusDays(29) + "\",\"to\":\"" + today + "\"}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(JsonPath.read(mvc.perform(get("/api/reports/" + report).with(HEAD))
                .andReturn().getResponse().getContentAsString(), "$.status")));
        byte[] pdf = mvc.perform(get("/api/reports/" + report + "/file").with(HEAD)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Дорожные карты по устранению первопричин").contains("Ямочный ремонт дорог").contains("принята");
        }
        // The form's choices of owner: the template's recipients, blocks and roles by name.
        mvc.perform(get("/api/roadmaps/owners").with(HEAD)).andExpect(status().isOk())
                .andExpect(jsonPath("$.block.property-infrastructure").exists()).andExpect(jsonPath("$.role.curator").exists());
        // The curator reads it, but neither makes nor moves roadmaps; nothing to approve where the act names no approver.
        mvc.perform(get("/api/roadmaps").with(CURATOR)).andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == '" + id + "')]").exists());
        create(CURATOR, roadmap(today, today)).andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:mcu:problem:role-not-allowed"));
        progress(CURATOR, id, first, "{\"status\":\"planned\"}").andExpect(status().isForbidden());
        mvc.perform(post("/api/roadmaps/" + id + "/approve").with(CURATOR)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:approval-not-required"));
        // Refusals naming the field: done in the future, an unknown state.
        progress(HEAD, id, first, "{\"status\":\"done\",\"doneOn\":\"" + today.plusDays(1) + "\"}").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("doneOn"));
        progress(HEAD, id, first, "{\"status\":\"finished\"}").andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("status"));
    }

    @Test
    void whereTheTemplateNamesAnApproverARoadmapIsADraftUntilApproved() throws Exception {
        RequestPostProcessor head = Municipalities.staff(APPROVING, "glava-mcu", "head");
        RequestPostProcessor curator = Municipalities.staff(APPROVING, "kurator", "curator");
        String made = create(head, roadmap(today.plusDays(5), today.plusDays(10))).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("draft")).andExpect(jsonPath("$.approvers[0]").value("curator"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(made, "$.id");
        progress(head, id, JsonPath.read(made, "$.measures[0].id"), "{\"status\":\"in-progress\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:roadmap-not-adopted"));
        mvc.perform(post("/api/roadmaps/" + id + "/approve").with(head)).andExpect(status().isForbidden());
        mvc.perform(post("/api/roadmaps/" + id + "/approve").with(curator)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("adopted")).andExpect(jsonPath("$.adoptedBy").value("kurator"));
        mvc.perform(post("/api/roadmaps/" + id + "/approve").with(curator)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:already-adopted"));
        progress(head, id, JsonPath.read(made, "$.measures[0].id"), "{\"status\":\"in-progress\"}").andExpect(status().isOk());
    }

    @Test
    void codesTheTemplateDoesNotHaveAreRefusedByFieldAndAnotherMunicipalitySeesNothing() throws Exception {
        create(HEAD, roadmap(today, today).replace("\"roads\"", "\"potholes\"")).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("category"));
        create(HEAD, roadmap(today, today).replace("property-committee", "nobody")).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("measures[0].owner"));
        create(HEAD, roadmap(today, today).replace("\"block\"", "\"person\"")).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("measures[1].ownerKind"));
        String id = JsonPath.read(create(HEAD, roadmap(today, today)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        RequestPostProcessor foreign = Municipalities.staff(OTHER, "glava-mcu", "head");
        mvc.perform(get("/api/roadmaps/" + id).with(foreign)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:roadmap-not-found"));
        mvc.perform(get("/api/roadmaps").with(foreign)).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(post("/api/roadmaps/" + id + "/approve").with(foreign)).andExpect(status().isNotFound());
    }
}
