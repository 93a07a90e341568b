package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
 * Two municipalities with the same template, so that every name and code is the same in both: one
 * never reaches the other's messages, search hits, deadlines, audit trail, notifications or steps,
 * through the API and through the database as the application role.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class HandlingIsolationTest {
    static final String A = "iso-tashtagol-a";
    static final String B = "iso-tashtagol-b";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", A);
        Municipalities.publish(redis, "tashtagol", B);
        Municipalities.publishStaff(redis, A, "ispolnitel=executor", "tolko-v-a=executor");
        Municipalities.publishStaff(redis, B, "ispolnitel=executor");
    }

    static RequestPostProcessor responsible(String tenant) {
        return Municipalities.staff(tenant, "im-otvetstvenny", "im-responsible");
    }

    static RequestPostProcessor head(String tenant) {
        return Municipalities.staff(tenant, "rukovoditel", "head", "technical-operator");
    }

    /** In A: a message with a unique word, assigned to «ispolnitel» (a notice for them), and overdue. */
    String messageOfA(String word, String externalId) throws Exception {
        String body = mvc.perform(post("/api/intake/messages").with(Municipalities.connector(A, "im")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"im\",\"externalId\":\"" + externalId + "\",\"receivedAt\":\"" + Instant.now().minus(10, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS) + "\",\"text\":\"Провалился асфальт " + word + "\",\"citizen\":{\"name\":\"Сидоров\"}}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");
        mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(responsible(A)).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/assign").with(responsible(A)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"executor\":\"ispolnitel\",\"deadline\":\"" + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}"))
                .andExpect(status().isOk());
        return id;
    }

    @Test
    void municipalityBSeesNothingOfAThroughTheApi() throws Exception {
        String word = "изолированный" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "ж");
        String externalId = "im-" + UUID.randomUUID();
        String id = messageOfA(word, externalId);

        mvc.perform(get("/api/messages/" + id).with(head(A))).andExpect(status().isOk());
        mvc.perform(get("/api/messages").param("q", "асфальт").with(head(A))).andExpect(jsonPath("$.items[*].id", hasItem(id)));

        mvc.perform(get("/api/messages/" + id).with(head(B))).andExpect(status().isNotFound());
        mvc.perform(get("/api/messages").with(head(B))).andExpect(jsonPath("$.items[*].id", not(hasItem(id))));
        mvc.perform(get("/api/messages").param("q", "асфальт").with(head(B))).andExpect(jsonPath("$.items[*].id", not(hasItem(id))));
        mvc.perform(get("/api/messages").param("executor", "ispolnitel").with(head(B))).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/messages/deadlines").with(head(B))).andExpect(jsonPath("$.byExecutor[*].key", not(hasItem("ispolnitel"))));
        mvc.perform(get("/api/audit/messages/" + id).with(head(B))).andExpect(status().isNotFound());
        assertThat(Municipalities.streamed(mvc, get("/api/audit/export").with(head(B)))).doesNotContain(id);
        assertThat(Municipalities.streamed(mvc, get("/api/audit/export").with(head(A)))).contains(id);
        mvc.perform(get("/api/notifications").with(Municipalities.staff(B, "ispolnitel", "executor")))
                .andExpect(jsonPath("$[*].messageId", not(hasItem(id))));
        mvc.perform(get("/api/notifications").with(Municipalities.staff(A, "ispolnitel", "executor")))
                .andExpect(jsonPath("$[*].messageId", hasItem(id)));
        // Steps: neither staff nor a connector of B can touch it, not even by A's external id.
        mvc.perform(post("/api/messages/" + id + "/actions/request-clarification").with(responsible(B)).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/intake/messages/im/" + externalId + "/actions/reject").with(Municipalities.connector(B, "im"))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isNotFound());
        // The connector's work list: A's message waits on the ЦУР's approval in A, and is nowhere in B's.
        mvc.perform(post("/api/messages/" + id + "/actions/answer").with(Municipalities.staff(A, "ispolnitel", "executor"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"answer\":\"Отремонтировано\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/submit-for-approval").with(responsible(A)).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isOk());
        mvc.perform(get("/api/intake/messages/awaiting").param("limit", "500").with(Municipalities.connector(A, "im")))
                .andExpect(jsonPath("$[*].externalId", hasItem(externalId)));
        mvc.perform(get("/api/intake/messages/awaiting").param("limit", "500").with(Municipalities.connector(B, "im")))
                .andExpect(jsonPath("$[*].externalId", not(hasItem(externalId))));
        // The same external id is free in B: idempotency is per municipality.
        mvc.perform(post("/api/intake/messages").with(Municipalities.connector(B, "im")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"im\",\"externalId\":\"" + externalId + "\",\"receivedAt\":\"2026-11-20T03:00:00Z\",\"text\":\"Другое\"}"))
                .andExpect(status().isCreated());
    }

    /** The forms' reference data names each municipality's own staff as executors, never the other's. */
    @Test
    void theExecutorsOfferedAreTheMunicipalitysOwn() throws Exception {
        mvc.perform(get("/api/messages/reference").with(responsible(A)))
                .andExpect(jsonPath("$.executors[*].username", hasItem("tolko-v-a")))
                .andExpect(jsonPath("$.timeZone").value("Asia/Novokuznetsk"))
                .andExpect(jsonPath("$.blocks[0].name").value("Благоустройство"));
        mvc.perform(get("/api/messages/reference").with(responsible(B)))
                .andExpect(jsonPath("$.executors[*].username", hasItem("ispolnitel")))
                .andExpect(jsonPath("$.executors[*].username", not(hasItem("tolko-v-a"))));
    }

    @Test
    void asTheApplicationRoleTheDatabaseShowsBNoneOfAsRows() throws Exception {
        String id = messageOfA("строкаБД", "im-" + UUID.randomUUID());
        UUID message = UUID.fromString(id);
        for (String table : new String[] {"deadline", "audit_entry", "notification"}) {
            long inA = CurrentTenant.call(A, () -> tx.execute(s -> jdbc.queryForObject("select count(*) from " + table + " where message_id = ?",
                    Long.class, message)));
            long inB = CurrentTenant.call(B, () -> tx.execute(s -> jdbc.queryForObject("select count(*) from " + table + " where message_id = ?",
                    Long.class, message)));
            assertThat(inA).as(table + " in A").isPositive();
            assertThat(inB).as(table + " in B").isZero();
        }
        Long found = CurrentTenant.call(B, () -> tx.execute(s -> jdbc.queryForObject(
                "select count(*) from message where search @@ websearch_to_tsquery('russian', 'строкаБД')", Long.class)));
        assertThat(found).isZero();
        // The audit trail is append-only for the application role, whoever's it is.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CurrentTenant.call(A, () -> tx.execute(s ->
                        jdbc.update("update audit_entry set comment = 'правка' where message_id = ?", message))))
                .rootCause().hasMessageContaining("permission denied for table audit_entry");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CurrentTenant.call(A, () -> tx.execute(s ->
                        jdbc.update("delete from audit_entry where message_id = ?", message))))
                .rootCause().hasMessageContaining("permission denied for table audit_entry");
    }
}
