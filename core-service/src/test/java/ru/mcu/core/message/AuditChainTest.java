package ru.mcu.core.message;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

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


import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The audit trail is tamper-evident: someone with the owner's rights who edits or deletes an entry
 * directly in the database is caught by the verify endpoint, which names the first broken entry.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class AuditChainTest {
    static final String TENANT = "audit-tashtagol";

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", TENANT);
    }

    /** The schema owner, not bound by the application role's grants, as someone with direct database access would be. */
    static JdbcTemplate owner() {
        var db = RealServers.database("core").owner();
        var connection = new org.springframework.jdbc.datasource.SingleConnectionDataSource(db.url(), db.username(), db.password(), true);
        JdbcTemplate owner = new JdbcTemplate(connection);
        owner.queryForObject("select set_config('app.tenant_id', ?, false)", String.class, TENANT);
        return owner;
    }

    String message() throws Exception {
        String id = Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(5), "Мусор во дворе");
        mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(Municipalities.staff(TENANT, "otv", "im-responsible"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"comment\":\"Беру\"}")).andExpect(status().isOk());
        return id;
    }

    @Test
    void anEditedEntryAndADeletedTailAreBothDetected() throws Exception {
        var admin = Municipalities.staff(TENANT, "rukovoditel", "head");
        String id = message();
        mvc.perform(get("/api/audit/messages/" + id).with(Municipalities.staff(TENANT, "head", "head"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].action").value("forward"))
                .andExpect(jsonPath("$[0].actorRoles").value("connector"))
                .andExpect(jsonPath("$[1].action").value("take-into-work"))
                .andExpect(jsonPath("$[1].fromState").value("new"))
                .andExpect(jsonPath("$[1].toState").value("in-work"))
                .andExpect(jsonPath("$[1].actorRoles").value("im-responsible"))
                .andExpect(jsonPath("$[1].comment").value("Беру"));
        mvc.perform(get("/api/audit/verify").with(admin)).andExpect(status().isOk()).andExpect(jsonPath("$.intact").value(true));
        mvc.perform(get("/api/audit/verify").with(Municipalities.staff(TENANT, "ex", "executor"))).andExpect(status().isForbidden());
        String export = Municipalities.streamed(mvc, get("/api/audit/export").with(admin));
        org.assertj.core.api.Assertions.assertThat(export.lines()).allMatch(line -> line.startsWith("{\"seq\":"));
        org.assertj.core.api.Assertions.assertThat(export).contains(id, "\"hash\"", "\"prevHash\"", "take-into-work");

        JdbcTemplate owner = owner();
        long seq = owner.queryForObject("select seq from audit_entry where tenant_id = ? and message_id = ?::uuid and action = 'take-into-work'",
                Long.class, TENANT, id);
        owner.update("update audit_entry set comment = 'Не брал' where tenant_id = ? and seq = ?", TENANT, seq);
        mvc.perform(get("/api/audit/verify").with(admin)).andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstBrokenSeq").value(seq))
                .andExpect(jsonPath("$.problem").value("содержимое записи изменено после записи"));
        owner.update("update audit_entry set comment = 'Беру' where tenant_id = ? and seq = ?", TENANT, seq);
        mvc.perform(get("/api/audit/verify").with(admin)).andExpect(jsonPath("$.intact").value(true));

        owner.update("delete from audit_entry where tenant_id = ? and seq = (select max(seq) from audit_entry where tenant_id = ?)", TENANT, TENANT);
        mvc.perform(get("/api/audit/verify").with(admin)).andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.problem", org.hamcrest.Matchers.containsString("удалены")));
    }
}
