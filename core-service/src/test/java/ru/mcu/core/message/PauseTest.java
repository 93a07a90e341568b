package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
import ru.mcu.platform.testsupport.RealServers;

/** Waiting for the citizen pauses the clock: never overdue while waiting, the due date moved by the wait on resuming. */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class PauseTest {
    static final String TENANT = "pause-tashtagol";

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", TENANT);
    }

    @Test
    void anOverdueMessageWaitingForTheCitizenIsNotOverdueAndResumesWithItsDueDateMoved() throws Exception {
        var responsible = Municipalities.staff(TENANT, "otv", "im-responsible");
        var head = Municipalities.staff(TENANT, "h", "head");
        // Received two weeks ago: its one working hour for the first response is long gone.
        String id = Municipalities.imMessage(mvc, TENANT, Instant.now().minus(14, ChronoUnit.DAYS), "Где именно яма?");
        String due = JsonPath.read(mvc.perform(get("/api/messages/" + id).with(head)).andReturn().getResponse().getContentAsString(), "$.message.dueAt");
        mvc.perform(get("/api/messages").param("overdue", "true").with(head)).andExpect(jsonPath("$.items[*].id", hasItem(id)));

        // An executor who is not this message's does not even see it; the curator sees it but takes no step.
        mvc.perform(post("/api/messages/" + id + "/pause").with(Municipalities.staff(TENANT, "ex", "executor"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/messages/" + id + "/pause").with(Municipalities.staff(TENANT, "pos", "pos-responsible"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/messages/" + id + "/pause").with(responsible).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/messages/" + id + "/resume").with(responsible).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:mcu:problem:not-paused"));
        mvc.perform(post("/api/messages/" + id + "/pause").with(responsible).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"Запрошен точный адрес у заявителя\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.pausedAt").isNotEmpty()).andExpect(jsonPath("$.overdue").value(false));
        mvc.perform(get("/api/messages").param("overdue", "true").with(head)).andExpect(jsonPath("$.items[*].id", not(hasItem(id))));
        mvc.perform(post("/api/messages/" + id + "/pause").with(responsible).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"ещё\"}")).andExpect(status().isConflict());

        String resumed = mvc.perform(post("/api/messages/" + id + "/resume").with(responsible).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.pausedAt").doesNotExist()).andReturn().getResponse().getContentAsString();
        assertThat(Instant.parse(JsonPath.read(resumed, "$.dueAt"))).isAfter(Instant.parse(due));
        mvc.perform(get("/api/messages/" + id).with(head))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'replaced')].dueAt", hasItem(due)))
                .andExpect(jsonPath("$.deadlines[-1:].trace", hasItem(containsString("ожидание ответа заявителя"))));
        mvc.perform(get("/api/audit/messages/" + id).with(head)).andExpect(jsonPath("$[*].action", hasItem("pause")))
                .andExpect(jsonPath("$[*].action", hasItem("resume")));
    }
}
