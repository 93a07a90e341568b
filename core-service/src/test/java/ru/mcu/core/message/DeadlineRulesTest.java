package ru.mcu.core.message;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/**
 * What the format lets a template say about deadlines, beyond the five acts: a priority with its own
 * policy, an interim answer that starts the final answer's term, and several deadlines running at
 * once (first response and the executor's answer), all moved together by a pause.
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class DeadlineRulesTest {
    static final String TENANT = "rules-tashtagol";
    static final ZoneId ZONE = ZoneId.of("Asia/Novokuznetsk");
    static final RequestPostProcessor RESPONSIBLE = Municipalities.staff(TENANT, "otv", "im-responsible");
    static final RequestPostProcessor EXECUTOR = Municipalities.staff(TENANT, "ispolnitel", "executor");
    static final RequestPostProcessor HEAD = Municipalities.staff(TENANT, "h", "head");

    @Autowired
    MockMvc mvc;

    /** Tashtagol's template with an «urgent» priority (one hour on the clock for the first response) and five working days after an interim answer. */
    @BeforeAll
    @SuppressWarnings("unchecked")
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", TENANT, "ACTIVE", tree -> {
            Map<String, Object> source = Map.of("seed", "002_f2e1486361b13ce6.txt", "point", "тест", "basis", "platform-default");
            tree.put("priorities", List.of(Map.of("code", "urgent", "name", "Срочное", "source", source)));
            List<Map<String, Object>> policies = new ArrayList<>((List<Map<String, Object>>) tree.get("deadlinePolicies"));
            policies.add(Map.of("channel", "im", "kind", "first-response", "priority", "urgent", "measure", "wall-clock-hours", "amount", 1,
                    "source", source));
            policies.add(Map.of("channel", "im", "kind", "answer", "measure", "working-days", "amount", 5, "source", source));
            tree.put("deadlinePolicies", policies);
            for (Map<String, Object> regulation : (List<Map<String, Object>>) tree.get("regulations")) {
                if ("im".equals(regulation.get("code"))) {
                    List<Map<String, Object>> transitions = new ArrayList<>();
                    for (Map<String, Object> t : (List<Map<String, Object>>) regulation.get("transitions")) {
                        Map<String, Object> copy = new LinkedHashMap<>(t);
                        if ("answer-interim".equals(t.get("action"))) {
                            copy.put("startsDeadline", "answer");
                        }
                        transitions.add(copy);
                    }
                    regulation.put("transitions", transitions);
                }
            }
        });
        Municipalities.publishStaff(redis, TENANT, "ispolnitel=executor");
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
    }

    ResultActions intake(Instant received, String extra) throws Exception {
        return mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, "im")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"im\",\"externalId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\"" + received
                        + "\",\"text\":\"Прорыв трубы\"" + extra + "}"));
    }

    ResultActions act(String id, String action, RequestPostProcessor who, String body) throws Exception {
        return mvc.perform(post("/api/messages/" + id + "/actions/" + action).with(who).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void aPrioritySelectsItsOwnPolicy() throws Exception {
        // Friday 16:30: the general first response is due Monday 08:30 (working time); the urgent one in an hour on the clock.
        String ordinary = JsonPath.read(intake(local("2026-11-20T16:30"), "").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        String urgent = JsonPath.read(intake(local("2026-11-20T16:30"), ",\"priority\":\"urgent\"").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(get("/api/messages/" + ordinary).with(HEAD)).andExpect(jsonPath("$.message.dueAt").value(local("2026-11-23T08:30").toString()));
        mvc.perform(get("/api/messages/" + urgent).with(HEAD)).andExpect(jsonPath("$.message.priority").value("urgent"))
                .andExpect(jsonPath("$.message.dueAt").value(local("2026-11-20T17:30").toString()));
        intake(local("2026-11-20T16:30"), ",\"priority\":\"lightning\"").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("priority"));
    }

    @Test
    void severalDeadlinesRunAtOnceAndAnInterimAnswerStartsTheFinalAnswersTerm() throws Exception {
        String id = JsonPath.read(intake(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS), "").andReturn().getResponse()
                .getContentAsString(), "$.id");
        act(id, "take-into-work", RESPONSIBLE, "{}").andExpect(status().isOk());
        String executorsDue = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        act(id, "assign", RESPONSIBLE, "{\"executor\":\"ispolnitel\",\"deadline\":\"" + executorsDue + "\"}").andExpect(status().isOk());
        // Nobody gave the first response yet: it runs beside the executor's deadline.
        mvc.perform(get("/api/messages/" + id).with(HEAD))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'open')]", hasSize(2)))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'open')].kind", hasItem("first-response")))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'open')].kind", hasItem("answer")))
                .andExpect(jsonPath("$.message.dueKind").value("first-response"));

        // Waiting for the citizen moves both.
        mvc.perform(post("/api/messages/" + id + "/pause").with(RESPONSIBLE).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"Уточняем адрес у заявителя\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/resume").with(RESPONSIBLE).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/messages/" + id).with(HEAD))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'open')]", hasSize(2)))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'replaced')]", hasSize(2)));

        // The interim answer starts the final answer's five working days, replacing the executor's deadline.
        act(id, "answer-interim", EXECUTOR, "{\"answer\":\"Бригада выедет завтра\"}").andExpect(status().isOk());
        mvc.perform(get("/api/messages/" + id).with(HEAD))
                .andExpect(jsonPath("$.deadlines[?(@.kind == 'answer' && @.status == 'open')].trace",
                        hasItem(org.hamcrest.Matchers.containsString("плюс 5 рабочих дн."))))
                .andExpect(jsonPath("$.deadlines[?(@.kind == 'answer' && @.status == 'open')]", hasSize(1)));
    }
}
