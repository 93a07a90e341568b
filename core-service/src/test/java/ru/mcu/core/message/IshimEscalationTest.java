package ru.mcu.core.message;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Ishim (Положение, п. 1.3, абз. 4–5): the head of a sector МЦУ passes a problem item up to the
 * block's responsible deputy head, who reassigns it; an overdue item is brought to the block's
 * responsible person by a notice even before anyone escalates it.
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class IshimEscalationTest {
    static final String TENANT = "ishim-escalation";

    @Autowired
    MockMvc mvc;
    @Autowired
    DeadlineWatch watch;
    @Autowired
    TenantStatuses tenants;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "ishim", TENANT);
        Municipalities.publishStaff(redis, TENANT, "dvornik=member", "podryadchik-2=member");
    }

    String assigned(Instant due) throws Exception {
        var responsible = Municipalities.staff(TENANT, "otv", "responsible-executor");
        String id = JsonPath.read(mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, "social-networks"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"social-networks\",\"externalId\":\"" + UUID.randomUUID()
                        + "\",\"receivedAt\":\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS) + "\",\"text\":\"Не убран снег\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(responsible).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.dueKind").value("first-response"));
        mvc.perform(post("/api/messages/" + id + "/actions/reply-first").with(responsible).contentType(MediaType.APPLICATION_JSON)
                .content("{\"answer\":\"Взяли в работу\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/assign").with(responsible).contentType(MediaType.APPLICATION_JSON)
                .content("{\"executor\":\"dvornik\",\"deadline\":\"" + due + "\"}")).andExpect(status().isOk());
        return id;
    }

    @Test
    void п1_3_абз5_theSectorHeadEscalatesAndTheBlockResponsibleReassigns() throws Exception {
        String id = assigned(Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        var sectorHead = Municipalities.staff(TENANT, "direktor", "sector-mcu-head");
        mvc.perform(post("/api/messages/" + id + "/actions/escalate").with(Municipalities.staff(TENANT, "otv", "responsible-executor"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"нет техники\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/messages/" + id + "/actions/escalate").with(sectorHead).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/messages/" + id + "/actions/escalate").with(sectorHead).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"Подрядчик не справляется\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("escalated"));
        var blockResponsible = Municipalities.staff(TENANT, "zam-glavy", "block-responsible");
        mvc.perform(get("/api/notifications").with(blockResponsible))
                .andExpect(jsonPath("$[?(@.messageId == '" + id + "')].subject", hasItem("Проблемный вопрос передан на ваш уровень")));
        String due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        mvc.perform(post("/api/messages/" + id + "/actions/reassign").with(blockResponsible).contentType(MediaType.APPLICATION_JSON)
                .content("{\"executor\":\"podryadchik-2\",\"deadline\":\"" + due + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("assigned"))
                .andExpect(jsonPath("$.executor").value("podryadchik-2")).andExpect(jsonPath("$.dueAt").value(due));
        mvc.perform(get("/api/audit/messages/" + id).with(blockResponsible)).andExpect(jsonPath("$[*].action", hasItem("escalate")))
                .andExpect(jsonPath("$[?(@.action == 'escalate')].details", hasItem(org.hamcrest.Matchers.containsString("Подрядчик не справляется"))));
    }

    @Test
    void anOverdueItemIsBroughtToTheBlocksResponsiblePerson() throws Exception {
        Instant due = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String id = assigned(due);
        CurrentTenant.call(TENANT, () -> watch.roundOf(tenants.configuration(TENANT).orElseThrow(), due.plusSeconds(60)));
        mvc.perform(get("/api/notifications").with(Municipalities.staff(TENANT, "zam-glavy", "block-responsible")))
                .andExpect(jsonPath("$[?(@.messageId == '" + id + "')].subject", hasItem("Срок истёк")));
        mvc.perform(get("/api/messages").param("overdue", "true").with(Municipalities.staff(TENANT, "h", "head")))
                .andExpect(status().isOk());
    }
}
