package ru.mcu.core.message;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

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

/**
 * Appeals under 59-ФЗ (ст. 8, 10, 12): registered within three days, forwarded within seven, answered
 * within thirty, extended once by at most thirty with a reason and a notice to the citizen; in
 * calendar days, a last day off moved to the next working day. Barnaul's staff hold no appeal.*
 * permission, so the steps fall to those who take and assign messages.
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class AppealTest {
    static final String TENANT = "appeal-barnaul";
    /** Barnaul's template with the other practice: a last day off moves back to the previous working day. */
    static final String EARLIER = "appeal-barnaul-earlier";
    static final ZoneId ZONE = ZoneId.of("Asia/Barnaul");
    static final RequestPostProcessor STAFF = Municipalities.staff(TENANT, "sotrudnik", "staff");
    static final RequestPostProcessor COORDINATOR = Municipalities.staff(TENANT, "sotrudnik", "staff");

    @Autowired
    MockMvc mvc;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "barnaul", TENANT);
        Municipalities.publishStaff(redis, TENANT, "krovelshchik=staff");
        Municipalities.publish(redis, "barnaul", EARLIER, "ACTIVE", tree -> ((Map<String, Object>) tree.get("calendar"))
                .put("appealNonWorkingLastDay", "previous-working-day"));
    }

    String appeal(String received) throws Exception {
        return appeal(STAFF, received);
    }

    String appeal(RequestPostProcessor staff, String received) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/messages").with(staff).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"pos\",\"kind\":\"appeal\",\"receivedAt\":\"" + received + "\",\"text\":\"Прошу отремонтировать "
                                + "крышу дома\",\"citizen\":{\"name\":\"Орлов И. И.\",\"email\":\"orlov@example.ru\"}}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("appeal"))
                .andExpect(jsonPath("$.regulation").value("appeal-59-fz")).andExpect(jsonPath("$.state").value("received"))
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    @Test
    void ст8_registrationWithinThreeDaysMovedPastTheNewYearHolidays() throws Exception {
        // Received on 2 January 2026: the third day, 5 January, is a holiday, and so are 6–9 January; then a weekend.
        String id = appeal("2026-01-02T04:00:00Z");
        mvc.perform(get("/api/messages/" + id).with(STAFF))
                .andExpect(jsonPath("$.message.dueKind").value("registration"))
                .andExpect(jsonPath("$.message.dueAt").value(LocalDate.of(2026, 1, 12).atTime(LocalTime.of(23, 59, 59)).atZone(ZONE).toInstant().toString()))
                .andExpect(jsonPath("$.deadlines[0].trace", containsString("нерабочий, перенос на следующий рабочий день")));
    }

    @Test
    void ст8_aLastDayOffMovesByTheMunicipalitysChoice() throws Exception {
        // Received Thursday 19 November 2026; the third day, 22 November, is a Sunday.
        String usual = appeal("2026-11-19T04:00:00Z");
        mvc.perform(get("/api/messages/" + usual).with(STAFF))
                .andExpect(jsonPath("$.message.dueAt").value(endOf(LocalDate.of(2026, 11, 23))));
        RequestPostProcessor earlierStaff = Municipalities.staff(EARLIER, "sotrudnik", "staff");
        String earlier = appeal(earlierStaff, "2026-11-19T04:00:00Z");
        mvc.perform(get("/api/messages/" + earlier).with(earlierStaff))
                .andExpect(jsonPath("$.message.dueAt").value(endOf(LocalDate.of(2026, 11, 20))))
                .andExpect(jsonPath("$.deadlines[0].trace", containsString("последний день 22.11.2026 нерабочий, перенос на предыдущий рабочий день")));
    }

    @Test
    void ст8_aRegistrationMadeOnPaperIsEnteredAsOfThenWithAReasonAndALateOneStaysLate() throws Exception {
        // Received Monday 2 November 2026; registered in the paper journal on Tuesday 3 November, entered into the platform today.
        String id = appeal("2026-11-02T03:00:00Z");
        String paper = "2026-11-03T05:00:00Z";
        mvc.perform(post("/api/messages/" + id + "/actions/register").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"registeredAt\":\"" + paper + "\"}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/messages/" + id + "/actions/register").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"registeredAt\":\"2026-11-01T00:00:00Z\",\"reason\":\"журнал\"}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("registeredAt"));
        mvc.perform(post("/api/messages/" + id + "/actions/register").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"registeredAt\":\"" + paper + "\",\"reason\":\"Зарегистрировано в журнале на бумаге, № 1123\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("registered"));
        // Registered within its three days: met; the thirty days count from the paper registration, not from today.
        mvc.perform(get("/api/messages/" + id).with(STAFF))
                .andExpect(jsonPath("$.deadlines[?(@.kind == 'registration')].status", hasItem("met")))
                .andExpect(jsonPath("$.deadlines[?(@.kind == 'answer')].startedAt", hasItem(paper)))
                .andExpect(jsonPath("$.message.dueAt").value(endOf(LocalDate.of(2026, 12, 3))));
        mvc.perform(get("/api/audit/messages/" + id).with(Municipalities.staff(TENANT, "rukovoditel", "head")))
                .andExpect(jsonPath("$[?(@.action == 'register')].details", hasItem(containsString("\"registeredAt\":\"" + paper + "\""))))
                .andExpect(jsonPath("$[?(@.action == 'register')].details", hasItem(containsString("журнале на бумаге"))));

        // Registered on paper after its three days: the registration deadline is recorded as missed.
        String late = appeal("2026-11-02T03:00:00Z");
        mvc.perform(post("/api/messages/" + late + "/actions/register").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"registeredAt\":\"2026-11-10T05:00:00Z\",\"reason\":\"Журнал, № 1150\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/messages/" + late).with(STAFF))
                .andExpect(jsonPath("$.deadlines[?(@.kind == 'registration')].status", hasItem("missed")));
        // Only a registration may be backdated.
        mvc.perform(post("/api/messages/" + late + "/actions/assign").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"executor\":\"krovelshchik\",\"registeredAt\":\"2026-11-10T05:00:00Z\"}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("registeredAt"));
    }

    static String endOf(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(ZONE).toInstant().toString();
    }

    @Test
    void ст12_answerWithinThirtyDaysExtendedOnceWithAReasonAndANotice() throws Exception {
        String id = appeal("2026-11-20T04:00:00Z");
        mvc.perform(post("/api/messages/" + id + "/actions/register").with(STAFF).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("registered")).andExpect(jsonPath("$.dueKind").value("answer"));
        String detail = mvc.perform(get("/api/messages/" + id).with(STAFF)).andReturn().getResponse().getContentAsString();
        String due = JsonPath.read(detail, "$.message.dueAt");
        mvc.perform(get("/api/messages/" + id).with(STAFF))
                .andExpect(jsonPath("$.deadlines[-1:].trace", hasItem(containsString("плюс 30 календарных дн."))))
                .andExpect(jsonPath("$.deadlines[-1:].trace", hasItem(containsString("направить по компетенции"))));

        mvc.perform(post("/api/messages/" + id + "/actions/extend").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"Нужен выезд на место\",\"days\":31}")).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("days"));
        mvc.perform(post("/api/messages/" + id + "/actions/extend").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                .content("{\"days\":30}")).andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/messages/" + id + "/actions/extend").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"Нужен выезд на место\",\"days\":30}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("registered")).andExpect(jsonPath("$.extended").value(true))
                .andExpect(jsonPath("$.dueAt").value(java.time.Instant.parse(due).atZone(ZONE).toLocalDate().plusDays(30)
                        .atTime(LocalTime.of(23, 59, 59)).atZone(ZONE).toInstant().toString()));
        mvc.perform(post("/api/messages/" + id + "/actions/extend").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"Ещё раз\",\"days\":5}")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:already-extended"));
        mvc.perform(get("/api/messages/" + id).with(STAFF))
                .andExpect(jsonPath("$.deadlines[?(@.status == 'replaced')].dueAt", hasItem(due)));
        mvc.perform(get("/api/audit/messages/" + id).with(STAFF))
                .andExpect(jsonPath("$[?(@.action == 'extend')].details", hasItem(containsString("\"citizenNotified\":true"))));

        mvc.perform(post("/api/messages/" + id + "/actions/assign").with(COORDINATOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"executor\":\"krovelshchik\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/answer").with(Municipalities.staff(TENANT, "krovelshchik"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"answer\":\"Ремонт включён в план на май\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/send-to-applicant").with(COORDINATOR).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("sent")).andExpect(jsonPath("$.isFinal").value(true))
                .andExpect(jsonPath("$.closedAt").isNotEmpty());
        mvc.perform(get("/api/messages/" + id).with(STAFF)).andExpect(jsonPath("$.deadlines[?(@.kind == 'answer' && @.status == 'met')]").isNotEmpty());
    }

    @Test
    void ст8_ч3_forwardedToTheCompetentBodyWithAReason() throws Exception {
        String id = appeal("2026-11-20T04:00:00Z");
        mvc.perform(post("/api/messages/" + id + "/actions/forward").with(COORDINATOR).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/messages/" + id + "/actions/register").with(STAFF).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/messages/" + id + "/actions/forward").with(COORDINATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"Вопрос в ведении управляющей компании\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("forwarded")).andExpect(jsonPath("$.isFinal").value(true));
    }
}
