package ru.mcu.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * Incidents through the API, as the application's database role, on Tashtagol's «Кузбасс Онлайн»
 * regulation (new → in work → categorised → at the executor → answered): messages grouped by its
 * responsible, stepped through once — one executor, one answer on every message, each with its own
 * trail —, split again, refused where they must be, invisible to another municipality.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsTest {
    static final String TENANT = "incidents-tashtagol";
    static final String OTHER = "incidents-neighbour";
    static final RequestPostProcessor RESPONSIBLE = Municipalities.staff(TENANT, "ko-otvetstvenny", "ko-responsible");
    static final RequestPostProcessor EXECUTOR = Municipalities.staff(TENANT, "ispolnitel", "executor");
    static final RequestPostProcessor HEAD = Municipalities.staff(TENANT, "rukovoditel", "head");

    @Autowired
    MockMvc mvc;

    @BeforeAll
    void municipalities(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "tashtagol", OTHER);
        Municipalities.publishStaff(redis, TENANT, "ispolnitel=executor", "rukovoditel=head");
    }

    /** A «Кузбасс Онлайн» message come in through its connector: state «Новое». */
    String arrived(String tenant, String text) throws Exception {
        String externalId = "ko-" + UUID.randomUUID();
        String body = mvc.perform(post("/api/intake/messages").with(Municipalities.connector(tenant, "kuzbass-online")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"kuzbass-online\",\"externalId\":\"" + externalId + "\",\"receivedAt\":\""
                                + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\",\"text\":\"" + text + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    ResultActions group(RequestPostProcessor who, String... ids) throws Exception {
        return mvc.perform(post("/api/incidents").with(who).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Яма на Ленина, 14\",\"messages\":[" + String.join(",", List.of(ids).stream().map(i -> "\"" + i + "\"").toList()) + "]}"));
    }

    String created(String... ids) throws Exception {
        return JsonPath.read(group(RESPONSIBLE, ids).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    ResultActions step(String incident, String action, RequestPostProcessor who, String body) throws Exception {
        return mvc.perform(post("/api/incidents/" + incident + "/actions/" + action).with(who).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    String message(String id) throws Exception {
        return mvc.perform(get("/api/messages/" + id).with(HEAD)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    List<String> trail(String id) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/audit/messages/" + id).with(HEAD)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(), "$[*].action");
    }

    @Test
    void anIncidentIsHandledOnceOneExecutorOneAnswerOnEveryMessage() throws Exception {
        String first = arrived(TENANT, "Яма на Ленина 14, колёса бьют");
        String second = arrived(TENANT, "У дома 14 по Ленина провал асфальта");
        String incident = created(first, second);

        step(incident, "take-into-work", RESPONSIBLE, "{}").andExpect(status().isOk()).andExpect(jsonPath("$.applied.length()").value(2));
        step(incident, "categorize", RESPONSIBLE, "{\"category\":\"roads\"}").andExpect(status().isOk());
        step(incident, "assign", RESPONSIBLE, "{\"executor\":\"ispolnitel\"}").andExpect(status().isOk());
        // The executor sees the incident of the messages given to them, and answers once.
        mvc.perform(get("/api/incidents/" + incident).with(EXECUTOR)).andExpect(status().isOk()).andExpect(jsonPath("$.messages.length()").value(2));
        step(incident, "publish", EXECUTOR, "{\"resultStatus\":\"resolved\",\"answer\":\"Яму заделали 5 декабря\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.applied.length()").value(2));

        for (String id : List.of(first, second)) {
            String card = message(id);
            assertThat((String) JsonPath.read(card, "$.message.state")).isEqualTo("answered");
            assertThat((String) JsonPath.read(card, "$.message.executor")).isEqualTo("ispolnitel");
            assertThat((String) JsonPath.read(card, "$.message.answer")).isEqualTo("Яму заделали 5 декабря");
            assertThat((String) JsonPath.read(card, "$.message.resultStatus")).isEqualTo("resolved");
            // Each message's own trail: it joined the incident, then went through each step itself.
            assertThat(trail(id)).containsSubsequence("incident-join", "take-into-work", "categorize", "assign", "publish");
        }
    }

    @Test
    void aStepGoesToTheMessagesThatOfferItAndSaysWhichDidNot() throws Exception {
        String first = arrived(TENANT, "Не горит фонарь на Садовой 3");
        String second = arrived(TENANT, "Садовая 3 темно, фонарь не работает");
        mvc.perform(post("/api/messages/" + second + "/actions/take-into-work").with(RESPONSIBLE).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk());
        String incident = created(first, second);
        String body = step(incident, "take-into-work", RESPONSIBLE, "{}").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(body, "$.applied")).containsExactly(first);
        assertThat((List<String>) JsonPath.read(body, "$.skipped[*].id")).containsExactly(second);
        assertThat((List<String>) JsonPath.read(body, "$.skipped[0].offered")).contains("categorize");
        // A step none of them offers is refused, naming what they do offer.
        step(incident, "take-into-work", RESPONSIBLE, "{}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:transition-not-allowed"));
        // And a refusal of one message refuses the step for all: categorize without a category changes none.
        step(incident, "categorize", RESPONSIBLE, "{}").andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.messageId").exists());
        assertThat((String) JsonPath.read(message(first), "$.message.state")).isEqualTo("in-work");
    }

    @Test
    void anExecutorStepsAndSeesOnlyTheMessagesGivenToThem() throws Exception {
        String given = arrived(TENANT, "Сломана скамейка у дома 8 на Школьной");
        String other = arrived(TENANT, "Школьная 8, скамейку разломали");
        for (String[] step : new String[][] {{"take-into-work", "{}"}, {"categorize", "{\"category\":\"improvement\"}"},
                {"assign", "{\"executor\":\"ispolnitel\"}"}}) {
            mvc.perform(post("/api/messages/" + given + "/actions/" + step[0]).with(RESPONSIBLE).contentType(MediaType.APPLICATION_JSON).content(step[1]))
                    .andExpect(status().isOk());
        }
        String incident = created(given, other);
        mvc.perform(get("/api/incidents/" + incident).with(EXECUTOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.messages.length()").value(1)).andExpect(jsonPath("$.messages[0].id").value(given));
        String body = step(incident, "publish", EXECUTOR, "{\"resultStatus\":\"resolved\",\"answer\":\"Скамейку заменили\"}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(body, "$.applied")).containsExactly(given);
        // The other message is neither stepped nor told of: not the executor's.
        assertThat((List<?>) JsonPath.read(body, "$.skipped")).isEmpty();
        assertThat(body).doesNotContain(other);
        assertThat((String) JsonPath.read(message(other), "$.message.state")).isEqualTo("new");
    }

    @Test
    void anIncidentIsSplitAgainAndOneMessageLeftIsNoIncident() throws Exception {
        String a = arrived(TENANT, "Мусор не вывозят на Мира 5");
        String b = arrived(TENANT, "Мира 5 контейнеры переполнены");
        String c = arrived(TENANT, "Переполнены баки у дома 5 на Мира");
        String incident = created(a, b);
        mvc.perform(post("/api/incidents/" + incident + "/messages/" + c).with(RESPONSIBLE)).andExpect(status().isOk())
                .andExpect(jsonPath("$.messages.length()").value(3));
        // In one incident at most.
        group(RESPONSIBLE, c, arrived(TENANT, "Ещё про Мира 5")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:already-in-incident")).andExpect(jsonPath("$.messageId").value(c));
        mvc.perform(delete("/api/incidents/" + incident + "/messages/" + c).with(RESPONSIBLE)).andExpect(status().isOk())
                .andExpect(jsonPath("$.messages.length()").value(2));
        mvc.perform(delete("/api/incidents/" + incident + "/messages/" + b).with(RESPONSIBLE)).andExpect(status().isNoContent());
        for (String id : List.of(a, b, c)) {
            mvc.perform(get("/api/incidents").param("message", id).with(RESPONSIBLE)).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        }
        mvc.perform(get("/api/incidents/" + incident).with(RESPONSIBLE)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:incident-not-found"));
        assertThat(trail(a)).containsSubsequence("incident-join", "incident-leave");
    }

    @Test
    void onlyThoseWhoDistributeMessagesGroupThemAndAnotherMunicipalityFindsNothing() throws Exception {
        String a = arrived(TENANT, "Собаки у школы 5");
        String b = arrived(TENANT, "Стая собак возле школы №5");
        group(EXECUTOR, a, b).andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:mcu:problem:role-not-allowed"));
        group(RESPONSIBLE, a).andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("messages"));
        String incident = created(a, b);
        RequestPostProcessor foreign = Municipalities.staff(OTHER, "ko-otvetstvenny", "ko-responsible");
        mvc.perform(get("/api/incidents/" + incident).with(foreign)).andExpect(status().isNotFound());
        step(incident, "take-into-work", foreign, "{}").andExpect(status().isNotFound());
        mvc.perform(delete("/api/incidents/" + incident + "/messages/" + a).with(foreign)).andExpect(status().isNotFound());
        // The neighbour's own message cannot be put into this municipality's incident, nor this one's into the neighbour's.
        String theirs = arrived(OTHER, "Собаки у школы 5");
        group(foreign, theirs, a).andExpect(status().isNotFound());
        mvc.perform(post("/api/incidents/" + incident + "/messages/" + theirs).with(RESPONSIBLE)).andExpect(status().isNotFound());
        // An executor not given them does not see it.
        mvc.perform(get("/api/incidents/" + incident).with(EXECUTOR)).andExpect(status().isNotFound());
    }
}
