package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
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
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/** Finding messages as staff do: words in any Russian form, filters, overdue and at-risk lists per block and executor. */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class SearchTest {
    static final String TENANT = "search-tashtagol";
    static final RequestPostProcessor HEAD = Municipalities.staff(TENANT, "rukovoditel", "head");
    static final RequestPostProcessor KO = Municipalities.staff(TENANT, "ko", "ko-responsible");

    @Autowired
    MockMvc mvc;

    static String pothole, lights, overdueRoads;

    @BeforeAll
    static void messages(@Autowired StringRedisTemplate redis, @Autowired MockMvc mvc) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publishStaff(redis, TENANT, "dorozhnik=executor", "transportnik=executor", "ispolnitel=executor");
        pothole = intake(mvc, "kuzbass-online", "Огромные ямы на дорогах возле школы", "2026-11-02T03:00:00Z");
        lights = intake(mvc, "kuzbass-online", "Не горит уличное освещение во дворе", "2026-11-10T03:00:00Z");
        overdueRoads = intake(mvc, "kuzbass-online", "Разбитая дорога на улице Мира", Instant.now().minus(3, ChronoUnit.DAYS).toString());
        for (String id : new String[] {pothole, overdueRoads}) {
            mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(KO).contentType(MediaType.APPLICATION_JSON).content("{}"));
            mvc.perform(post("/api/messages/" + id + "/actions/categorize").with(KO).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"category\":\"roads\"}")).andExpect(status().isOk());
            mvc.perform(post("/api/messages/" + id + "/actions/assign").with(KO).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"executor\":\"dorozhnik\"}")).andExpect(status().isOk());
        }
    }

    static String intake(MockMvc mvc, String channel, String text, String received) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"" + channel + "\",\"externalId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\"" + received
                                + "\",\"text\":\"" + text + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    @Test
    void russianWordsAreFoundInAnyForm() throws Exception {
        mvc.perform(get("/api/messages").param("q", "яма").with(HEAD)).andExpect(jsonPath("$.items[*].id", hasItem(pothole)))
                .andExpect(jsonPath("$.items[*].id", not(hasItem(lights))));
        mvc.perform(get("/api/messages").param("q", "освещения").with(HEAD)).andExpect(jsonPath("$.items[*].id", contains(lights)));
        mvc.perform(get("/api/messages").param("q", "дорога -школа").with(HEAD)).andExpect(jsonPath("$.items[*].id", contains(overdueRoads)));
    }

    /** Newest first by default; oldest first; or what is due soonest first, finished and paused items after. */
    @Test
    void theQueueSortsByArrivalOrByWhatIsDueFirst() throws Exception {
        // Other tests of this class add messages of their own: the three of the fixture keep their order among them.
        assertThat(ids(null)).containsSubsequence(overdueRoads, lights, pothole);
        assertThat(ids("received-asc")).containsSubsequence(pothole, lights, overdueRoads);
        String due = mvc.perform(get("/api/messages").param("sort", "due-asc").with(HEAD)).andReturn().getResponse().getContentAsString();
        java.util.List<String> dueAt = JsonPath.read(due, "$.items[*].dueAt");
        assertThat(dueAt).isSortedAccordingTo(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    }

    java.util.List<String> ids(String sort) throws Exception {
        var request = get("/api/messages").param("size", "200").with(HEAD);
        if (sort != null) {
            request.param("sort", sort);
        }
        return JsonPath.read(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.items[*].id");
    }

    @Test
    void filtersNarrowTheList() throws Exception {
        mvc.perform(get("/api/messages").param("block", "roads").with(HEAD)).andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/messages").param("state", "new").with(HEAD)).andExpect(jsonPath("$.items[*].id", contains(lights)));
        mvc.perform(get("/api/messages").param("executor", "dorozhnik").param("from", "2026-11-01T00:00:00Z").param("to", "2026-11-05T00:00:00Z")
                .with(HEAD)).andExpect(jsonPath("$.items[*].id", contains(pothole)));
        mvc.perform(get("/api/messages").param("channel", "pos").with(HEAD)).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/messages").param("size", "500").with(HEAD)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
    }

    @Test
    void overdueAndAtRiskPerBlockAndExecutor() throws Exception {
        // Taken into work now: 14 calendar days left, not overdue; the 24-hour acceptance of the untaken one ran out long ago.
        mvc.perform(get("/api/messages").param("overdue", "true").with(HEAD)).andExpect(jsonPath("$.items[*].id", contains(lights)));
        mvc.perform(get("/api/messages/deadlines").with(HEAD)).andExpect(status().isOk())
                .andExpect(jsonPath("$.overdue").value(1))
                .andExpect(jsonPath("$.byBlock[?(@.key == '')].overdue", hasItem(1)))
                .andExpect(jsonPath("$.byExecutor[*].key", not(hasItem("dorozhnik"))));
        mvc.perform(get("/api/messages/deadlines").with(Municipalities.staff(TENANT, "nobody"))).andExpect(status().isForbidden());
    }

    @Test
    void assignmentGoesCategoryBlockRecipientExecutor() throws Exception {
        String id = intake(mvc, "kuzbass-online", "Не ходит автобус № 5", "2026-11-21T03:00:00Z");
        mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(KO).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/categorize").with(KO).contentType(MediaType.APPLICATION_JSON)
                .content("{\"category\":\"transport\"}")).andExpect(jsonPath("$.block").value("industry-transport"));
        mvc.perform(post("/api/messages/" + id + "/actions/assign").with(KO).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"executor\":\"transportnik\",\"recipient\":\"agriculture-dept\"}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.type").value("urn:mcu:problem:unknown-recipient"))
                .andExpect(jsonPath("$.recipients[0]").value("industry-transport-dept"));
        mvc.perform(post("/api/messages/" + id + "/actions/assign").with(KO).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"executor\":\"transportnik\",\"recipient\":\"industry-transport-dept\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.recipient").value("industry-transport-dept"))
                .andExpect(jsonPath("$.executor").value("transportnik"));
        mvc.perform(get("/api/messages").param("recipient", "industry-transport-dept").with(HEAD)).andExpect(jsonPath("$.items[*].id", contains(id)));
    }

    @Test
    void personalDataOnlyForRolesThatNeedIt() throws Exception {
        String id = JsonPath.read(mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"pos\",\"externalId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\"2026-11-20T03:00:00Z\","
                        + "\"text\":\"Жалоба\",\"citizen\":{\"name\":\"Кузнецова Мария\",\"phone\":\"+7 900 111-22-33\",\"email\":\"m@example.ru\"}}"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(get("/api/messages/" + id).with(HEAD)).andExpect(jsonPath("$.message.citizen.hidden").value(true))
                .andExpect(jsonPath("$.message.citizen.name").doesNotExist());
        var executor = Municipalities.staff(TENANT, "ispolnitel", "executor");
        // An executor sees the messages assigned to him, with the citizen's contacts he needs to answer; no others.
        mvc.perform(get("/api/messages/" + id).with(executor)).andExpect(status().isNotFound());
        var responsible = Municipalities.staff(TENANT, "pos-otv", "pos-responsible");
        mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(responsible).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/assign").with(responsible).contentType(MediaType.APPLICATION_JSON)
                .content("{\"executor\":\"ispolnitel\"}")).andExpect(status().isOk());
        mvc.perform(get("/api/messages/" + id).with(executor))
                .andExpect(jsonPath("$.message.citizen.name").value("Кузнецова Мария"))
                .andExpect(jsonPath("$.message.citizen.phone").value("+7 900 111-22-33"));
        // His list holds this one message and no other (nothing else is assigned to him).
        mvc.perform(get("/api/messages").with(executor)).andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains(id)));
        // Search does not match personal data either.
        mvc.perform(get("/api/messages").param("q", "Кузнецова").with(HEAD)).andExpect(jsonPath("$.total").value(0));
    }
}
