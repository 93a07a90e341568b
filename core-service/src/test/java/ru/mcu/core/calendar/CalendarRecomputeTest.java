package ru.mcu.core.calendar;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
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
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/**
 * A day off declared at short notice moves every open deadline computed on the calendar; the old due
 * date stays in the history, the move is in the audit trail, and cancelling the day moves it back.
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class CalendarRecomputeTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Novokuznetsk");
    static final String REGION = "99";
    static final String A = "cal-tashtagol-a";
    static final String B = "cal-tashtagol-b";
    static final RequestPostProcessor OPERATOR = ru.mcu.core.Municipalities.regionalOperator();

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", A, "ACTIVE", REGION);
        Municipalities.publish(redis, "tashtagol", B, "ACTIVE", REGION);
    }

    static String local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant().toString();
    }

    /** Received Friday 20 November 2026, 16:30: the first response is due Monday 23 November, 08:30. */
    String fridayMessage(String tenant) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/intake/messages").with(Municipalities.connector(tenant, "im"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"im\",\"externalId\":\"" + UUID.randomUUID()
                        + "\",\"receivedAt\":\"" + local("2026-11-20T16:30") + "\",\"text\":\"Упало дерево\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.dueAt").value(local("2026-11-23T08:30")))
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    @Test
    void aMunicipalDayOffMovesOpenDeadlinesAndCancellingItMovesThemBack() throws Exception {
        var admin = Municipalities.staff(A, "rukovoditel", "head");
        String id = fridayMessage(A);
        String untouched = fridayMessage(B);
        mvc.perform(put("/api/calendar/overrides/2026-11-23").with(Municipalities.staff(A, "otv", "im-responsible"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"non-working\",\"reason\":\"x\"}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/calendar/overrides/2026-11-23").with(admin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"holiday\",\"reason\":\"x\"}")).andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("kind"));
        mvc.perform(put("/api/calendar/overrides/2026-11-23").with(admin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"non-working\"}")).andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("reason"));

        mvc.perform(put("/api/calendar/overrides/2026-11-23").with(admin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"non-working\",\"reason\":\"Постановление главы района № 1 (режим ЧС)\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.recomputed").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        mvc.perform(get("/api/messages/" + id).with(Municipalities.staff(A, "h", "head")))
                .andExpect(jsonPath("$.message.dueAt").value(local("2026-11-24T08:30")))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'recomputed')].dueAt", hasItem(local("2026-11-23T08:30"))))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'open')].trace", hasItem(containsString("пересчитан: объявлен нерабочим день 2026-11-23"))));
        mvc.perform(get("/api/audit/messages/" + id).with(Municipalities.staff(A, "h", "head")))
                .andExpect(jsonPath("$[?(@.action == 'recompute-deadline')].actor", hasItem("rukovoditel")));
        // The other municipality's calendar is its own.
        mvc.perform(get("/api/messages/" + untouched).with(Municipalities.staff(B, "h", "head")))
                .andExpect(jsonPath("$.message.dueAt").value(local("2026-11-23T08:30")));
        mvc.perform(get("/api/calendar/overrides").with(Municipalities.staff(B, "h", "head"))).andExpect(jsonPath("$", hasSize(0)));

        mvc.perform(delete("/api/calendar/overrides/2026-11-23").with(admin)).andExpect(status().isOk());
        mvc.perform(get("/api/messages/" + id).with(Municipalities.staff(A, "h", "head")))
                .andExpect(jsonPath("$.message.dueAt").value(local("2026-11-23T08:30")));
    }

    @Test
    void aRegionalDayOffIsSetOnceByTheOperatorForEveryMunicipalityOfTheRegion() throws Exception {
        String a = fridayMessage(A);
        String b = fridayMessage(B);
        mvc.perform(put("/api/calendar/regions/" + REGION + "/overrides/2026-11-23").with(Municipalities.staff(A, "rukovoditel", "head"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"non-working\",\"reason\":\"x\"}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/calendar/regions/" + REGION + "/overrides/2026-11-23").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"non-working\",\"reason\":\"Закон субъекта о региональном празднике\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].municipality", org.hamcrest.Matchers.containsInAnyOrder(A, B)));
        for (var pair : List.of(List.of(A, a), List.of(B, b))) {
            mvc.perform(get("/api/messages/" + pair.get(1)).with(Municipalities.staff(pair.get(0), "h", "head")))
                    .andExpect(jsonPath("$.message.dueAt").value(local("2026-11-24T08:30")));
        }
        mvc.perform(get("/api/calendar/overrides").with(Municipalities.staff(B, "h", "head")))
                .andExpect(jsonPath("$[0].level").value("regional"));
        mvc.perform(put("/api/calendar/regions/77/overrides/2026-11-23").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"non-working\",\"reason\":\"x\"}")).andExpect(status().isNotFound());
        for (String tenant : List.of(A, B)) {
            mvc.perform(delete("/api/calendar/overrides/2026-11-23").with(Municipalities.staff(tenant, "rukovoditel", "head")))
                    .andExpect(status().isOk());
        }
    }
}
