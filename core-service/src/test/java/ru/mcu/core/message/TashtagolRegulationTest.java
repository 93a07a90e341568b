package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
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
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Tashtagol's regulation (Постановление № 496-п, Регламент, п. 2.1–2.4), point by point, through the
 * API as its staff and its connectors use it, with the shipped template as the configuration.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@DisplayName("Таштагол: регламент обработки сообщений, п. 2.1–2.4")
class TashtagolRegulationTest {
    static final String TENANT = "tashtagol";
    static final ZoneId ZONE = ZoneId.of("Asia/Novokuznetsk");

    @Autowired
    MockMvc mvc;
    @Autowired
    Workflow workflow;
    @Autowired
    TenantStatuses tenants;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @BeforeAll
    static void publishTemplate(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publishStaff(redis, TENANT, "ispolnitel=executor", "drugoy-ispolnitel=executor", "uvolen!", "rukovoditel=head");
    }

    static RequestPostProcessor as(String user, String... roles) {
        return Municipalities.staff(TENANT, user, roles);
    }

    static final RequestPostProcessor IM_RESPONSIBLE = as("im-otvetstvenny", "im-responsible");
    static final RequestPostProcessor POS_RESPONSIBLE = as("pos-otvetstvenny", "pos-responsible");
    static final RequestPostProcessor KO_RESPONSIBLE = as("ko-otvetstvenny", "ko-responsible");
    static final RequestPostProcessor GP_RESPONSIBLE = as("gp-otvetstvenny", "governor-pages-responsible");
    static final RequestPostProcessor UNIT_HEAD = as("nachalnik-otdela", "unit-head");
    static final RequestPostProcessor HEAD = as("rukovoditel", "head");
    static final RequestPostProcessor EXECUTOR = as("ispolnitel", "executor");
    static final RequestPostProcessor OTHER_EXECUTOR = as("drugoy-ispolnitel", "executor");

    static Instant local(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), ZONE).toInstant();
    }

    String intake(String channel, Instant received, String extra) throws Exception {
        String externalId = channel + "-" + UUID.randomUUID();
        String body = mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, channel))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"" + channel + "\",\"externalId\":\"" + externalId + "\",\"receivedAt\":\"" + received
                                + "\",\"text\":\"Не горят фонари на улице Ленина\",\"citizen\":{\"name\":\"Иванова А. П.\",\"phone\":\"+7 913 000-00-00\"}"
                                + extra + "}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    ResultActions act(String id, String action, RequestPostProcessor who, String body) throws Exception {
        return mvc.perform(post("/api/messages/" + id + "/actions/" + action).with(who).contentType(MediaType.APPLICATION_JSON)
                .content(body == null ? "{}" : body));
    }

    ResultActions relay(String channel, String id, String action, String body) throws Exception {
        String externalId = JsonPath.read(mvc.perform(get("/api/messages/" + id).with(HEAD)).andReturn().getResponse().getContentAsString(),
                "$.message.externalId");
        return mvc.perform(post("/api/intake/messages/" + channel + "/" + externalId + "/actions/" + action)
                .with(Municipalities.connector(TENANT, channel)).contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body));
    }

    ResultActions view(String id) throws Exception {
        return mvc.perform(get("/api/messages/" + id).with(HEAD));
    }

    static String inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Nested
    @DisplayName("п. 2.1. Система «Инцидент менеджмент»")
    class IncidentManagement {
        @Test
        @DisplayName("п. 2.1, абз. 6: первичный ответ в течение часа рабочего времени (пн–пт 08:00–17:00); пятница 16:30 → понедельник 08:30")
        void п2_1_абз6_firstResponseWithinAWorkingHour() throws Exception {
            String id = intake("im", local("2026-11-20T16:30"), "");
            view(id).andExpect(status().isOk())
                    .andExpect(jsonPath("$.message.state").value("new"))
                    .andExpect(jsonPath("$.message.dueKind").value("first-response"))
                    .andExpect(jsonPath("$.message.dueAt").value(local("2026-11-23T08:30").toString()))
                    .andExpect(jsonPath("$.deadlines[0].trace", containsString("продолжение пн 23.11.2026 08:00")))
                    .andExpect(jsonPath("$.deadlines[0].trace", containsString("Asia/Novokuznetsk")));
        }

        @Test
        @DisplayName("п. 2.1, абз. 6: час на первичный ответ идёт с поступления: сообщение, которое никто не взял, просрочено")
        void п2_1_абз6_aMessageNobodyTakesIsLate() throws Exception {
            String id = intake("im", local("2026-11-23T09:00"), "");
            view(id).andExpect(jsonPath("$.message.state").value("new"))
                    .andExpect(jsonPath("$.message.dueKind").value("first-response"))
                    .andExpect(jsonPath("$.message.dueAt").value(local("2026-11-23T10:00").toString()))
                    .andExpect(jsonPath("$.message.overdue").value(true));
            mvc.perform(get("/api/messages").param("overdue", "true").param("state", "new").with(HEAD)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[*].id", hasItem(id)));
            // Given late, the first response is recorded as missed, not as met.
            act(id, "reply-first", IM_RESPONSIBLE, "{\"answer\":\"Сообщение взято в работу, ответ до пятницы\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("new")).andExpect(jsonPath("$.overdue").value(false));
            view(id).andExpect(jsonPath("$.deadlines[?(@.kind == 'first-response')].status", hasItem("missed")));
        }

        @Test
        @DisplayName("п. 2.1, абз. 3: ответственный выбирает сообщение и передаёт исполнителю с обозначением срока")
        void п2_1_абз3_responsibleTakesAndAssignsWithADeadline() throws Exception {
            String id = intake("im", Instant.now().minusSeconds(60), "");
            // An executor sees only what is assigned to him; a responsible of another channel sees it but may not take it.
            act(id, "take-into-work", EXECUTOR, null).andExpect(status().isNotFound());
            act(id, "take-into-work", POS_RESPONSIBLE, null).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("urn:mcu:problem:role-not-allowed"))
                    .andExpect(jsonPath("$.detail", containsString("Ответственный за работу в системе «Инцидент менеджмент»")));
            act(id, "take-into-work", IM_RESPONSIBLE, null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("in-work"))
                    .andExpect(jsonPath("$.availableActions[?(@.action == 'reply-first')].requires[0]", hasItem("answer")));
            act(id, "reply-first", IM_RESPONSIBLE, null).andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("answer"));
            act(id, "reply-first", IM_RESPONSIBLE, "{\"answer\":\"Взяли в работу, ответ будет дан до завтра\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("in-work")).andExpect(jsonPath("$.answer").doesNotExist());
            act(id, "assign", IM_RESPONSIBLE, "{\"executor\":\"ispolnitel\"}").andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.field").value("deadline"));
            String due = inDays(1);
            // The executor is active staff with a role that answers (Tashtagol's «исполнитель»); anyone else is refused.
            act(id, "assign", IM_RESPONSIBLE, "{\"executor\":\"neznakomec\",\"deadline\":\"" + due + "\"}")
                    .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.type").value("urn:mcu:problem:not-staff"))
                    .andExpect(jsonPath("$.field").value("executor"));
            act(id, "assign", IM_RESPONSIBLE, "{\"executor\":\"uvolen\",\"deadline\":\"" + due + "\"}")
                    .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.type").value("urn:mcu:problem:not-staff"));
            act(id, "assign", IM_RESPONSIBLE, "{\"executor\":\"rukovoditel\",\"deadline\":\"" + due + "\"}")
                    .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.type").value("urn:mcu:problem:executor-role"))
                    .andExpect(jsonPath("$.detail", containsString("Исполнитель")));
            act(id, "assign", IM_RESPONSIBLE, "{\"executor\":\"ispolnitel\",\"deadline\":\"" + due + "\"}")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("assigned"))
                    .andExpect(jsonPath("$.executor").value("ispolnitel"))
                    .andExpect(jsonPath("$.dueAt").value(due));
            // The first response was given in time; it stays in the history beside the executor's open deadline.
            view(id).andExpect(jsonPath("$.deadlines[0].kind").value("first-response"))
                    .andExpect(jsonPath("$.deadlines[0].status").value("met"))
                    .andExpect(jsonPath("$.deadlines[1].kind").value("answer"))
                    .andExpect(jsonPath("$.deadlines[1].status").value("open"));
            mvc.perform(get("/api/audit/messages/" + id).with(HEAD))
                    .andExpect(jsonPath("$[?(@.action == 'reply-first')].details", hasItem(containsString("Взяли в работу, ответ будет дан до завтра"))));
            mvc.perform(get("/api/notifications").with(EXECUTOR)).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].messageId", hasItem(id)))
                    .andExpect(jsonPath("$[?(@.messageId == '" + id + "')].subject", hasItem("Вам назначено сообщение")));
        }

        @Test
        @DisplayName("п. 2.1, абз. 4 и 8: уточнение по телефону, срочный запрос со своим сроком, промежуточный ответ только исполнителя")
        void п2_1_абз4_абз8_clarificationUrgentRequestAndInterimAnswer() throws Exception {
            String id = assigned("im");
            act(id, "request-clarification", IM_RESPONSIBLE, "{\"comment\":\"Уточнили у руководителя УК по телефону\"}")
                    .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("assigned"));
            String urgent = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
            act(id, "request-urgent", IM_RESPONSIBLE, "{\"deadline\":\"" + urgent + "\",\"comment\":\"Запрос куратора ЦУР Кузбасса\"}")
                    .andExpect(status().isOk()).andExpect(jsonPath("$.dueKind").value("urgent-answer"))
                    .andExpect(jsonPath("$.dueAt").value(urgent));
            act(id, "answer-interim", OTHER_EXECUTOR, "{\"answer\":\"Работы запланированы\"}").andExpect(status().isNotFound());
            act(id, "answer-interim", IM_RESPONSIBLE, "{\"answer\":\"Работы запланированы\"}").andExpect(status().isForbidden());
            act(id, "answer-interim", EXECUTOR, "{\"comment\":\"Работы запланированы на завтра\"}").andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.field").value("answer"));
            act(id, "answer-interim", EXECUTOR, "{\"answer\":\"Работы запланированы на завтра\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("assigned"));
            // The interim answer answers the urgent request; the executor's own deadline runs on beside it.
            view(id).andExpect(jsonPath("$.deadlines[?(@.kind == 'urgent-answer')].status", hasItem("met")))
                    .andExpect(jsonPath("$.deadlines[?(@.kind == 'answer')].status", hasItem("open")))
                    .andExpect(jsonPath("$.message.dueKind").value("answer"))
                    .andExpect(jsonPath("$.message.answer").doesNotExist());
        }

        @Test
        @DisplayName("п. 2.1, абз. 5: ответ, согласование ЦУР (отказ — на доработку), оценка удовлетворённости: молчание два дня — ответ готов")
        void п2_1_абз5_approvalAndSatisfactionSilenceMeansAccepted() throws Exception {
            String id = assigned("im");
            act(id, "answer", EXECUTOR, "{\"answer\":\"Фонари заменены\"}").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("answered"));
            act(id, "submit-for-approval", IM_RESPONSIBLE, null).andExpect(jsonPath("$.state").value("on-approval"));
            relay("im", id, "reject", "{\"comment\":\"Нет фото\"}").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("assigned"));
            act(id, "answer", EXECUTOR, "{\"answer\":\"Фонари заменены, фото приложено\"}").andExpect(status().isOk());
            act(id, "submit-for-approval", IM_RESPONSIBLE, null).andExpect(status().isOk());
            act(id, "approve", IM_RESPONSIBLE, null).andExpect(status().isForbidden());
            relay("im", id, "approve", null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("approved"));
            relay("im", id, "start-satisfaction-check", null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("satisfaction-check"));
            view(id).andExpect(jsonPath("$.message.dueKind").value("satisfaction-window"))
                    .andExpect(jsonPath("$.deadlines[-1:].trace", hasItem(containsString("плюс 2 календарных дн."))));

            assertThat(acceptSilent(Instant.now().plus(1, ChronoUnit.DAYS))).as("the window is still open").isZero();
            view(id).andExpect(jsonPath("$.message.state").value("satisfaction-check"));
            assertThat(acceptSilent(Instant.now().plus(3, ChronoUnit.DAYS))).isGreaterThanOrEqualTo(1);
            view(id).andExpect(jsonPath("$.message.state").value("done")).andExpect(jsonPath("$.message.isFinal").value(true));
            mvc.perform(get("/api/audit/messages/" + id).with(HEAD)).andExpect(status().isOk())
                    .andExpect(jsonPath("$[-1:].action", hasItem("accept")))
                    .andExpect(jsonPath("$[-1:].actor", hasItem("system")));
        }

        @Test
        @DisplayName("п. 2.1, абз. 5: «Инцидент менеджмент» видит через подключение, что ждёт решения ЦУР, и только в своём канале")
        void п2_1_абз5_theConnectorsWorkListShowsWhatWaitsOnTheRegionalCentre() throws Exception {
            String id = assigned("im");
            String externalId = JsonPath.read(view(id).andReturn().getResponse().getContentAsString(), "$.message.externalId");
            String waiting = "$[?(@.externalId == '" + externalId + "')]";
            mvc.perform(get("/api/intake/messages/awaiting").param("limit", "500").with(Municipalities.connector(TENANT, "im")))
                    .andExpect(status().isOk()).andExpect(jsonPath(waiting).isEmpty());
            act(id, "answer", EXECUTOR, "{\"answer\":\"Фонари заменены\"}").andExpect(status().isOk());
            act(id, "submit-for-approval", IM_RESPONSIBLE, null).andExpect(status().isOk());
            mvc.perform(get("/api/intake/messages/awaiting").param("limit", "500").with(Municipalities.connector(TENANT, "im")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath(waiting + ".stateName", hasItem("На согласовании в системе «Инцидент менеджмент»")))
                    .andExpect(jsonPath(waiting + ".steps[*].action", hasItem("approve")))
                    .andExpect(jsonPath(waiting + ".steps[*].by", hasItem("regional-centre")));
            // A connector of another channel has nothing to do with it.
            mvc.perform(get("/api/intake/messages/awaiting").param("limit", "500").with(Municipalities.connector(TENANT, "pos")))
                    .andExpect(status().isOk()).andExpect(jsonPath(waiting).isEmpty());
            relay("im", id, "approve", null).andExpect(status().isOk());
            mvc.perform(get("/api/intake/messages/awaiting").param("limit", "500").with(Municipalities.connector(TENANT, "im")))
                    .andExpect(jsonPath(waiting + ".steps[*].action", hasItem("start-satisfaction-check")));
        }

        @Test
        @DisplayName("п. 2.1, абз. 5: комментарий жителя в окне оценки возвращает сообщение в работу (повторное открытие)")
        void п2_1_абз5_citizenCommentReopens() throws Exception {
            String id = assigned("im");
            act(id, "answer", EXECUTOR, "{\"answer\":\"Сделано\"}").andExpect(status().isOk());
            act(id, "submit-for-approval", IM_RESPONSIBLE, null).andExpect(status().isOk());
            relay("im", id, "approve", null).andExpect(status().isOk());
            relay("im", id, "start-satisfaction-check", null).andExpect(status().isOk());
            relay("im", id, "reopen", "{\"by\":\"citizen\"}").andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.field").value("comment"));
            relay("im", id, "reopen", "{\"by\":\"citizen\",\"comment\":\"Фонари так и не горят\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("in-work"));
            assertThat(acceptSilent(Instant.now().plus(3, ChronoUnit.DAYS))).isZero();
            view(id).andExpect(jsonPath("$.message.state").value("in-work"))
                    .andExpect(jsonPath("$.message.dueAt").doesNotExist())
                    .andExpect(jsonPath("$.deadlines[?(@.kind == 'satisfaction-window')].status", hasItem("cancelled")));
        }
    }

    @Nested
    @DisplayName("п. 2.2. Платформа обратной связи (ПОС)")
    class FeedbackPlatform {
        @Test
        @DisplayName("п. 2.2, абз. 2–3: «в работу», передача исполнителю; срок устанавливается программой (срок ПОС)")
        void п2_2_абз2_абз3_takeAssignWithThePlatformsDueDate() throws Exception {
            Instant sourceDue = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            String id = intake("pos", Instant.now().minusSeconds(120), ",\"sourceDueAt\":\"" + sourceDue + "\"");
            view(id).andExpect(jsonPath("$.message.state").value("new")).andExpect(jsonPath("$.message.sourceDueAt").value(sourceDue.toString()));
            act(id, "take-into-work", POS_RESPONSIBLE, null).andExpect(jsonPath("$.state").value("in-work"));
            act(id, "assign", POS_RESPONSIBLE, "{\"executor\":\"ispolnitel\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.dueKind").value("answer")).andExpect(jsonPath("$.dueAt").value(sourceDue.toString()));
        }

        @Test
        @DisplayName("п. 2.2, абз. 5–6: доработка, публикация ответственным, согласие руководителя — исполнено; отрицательный комментарий модератора — снова в работе")
        void п2_2_абз5_абз6_reworkPublishApproveAndModeratorReopens() throws Exception {
            Instant sourceDue = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            String id = intake("pos", Instant.now().minusSeconds(120), ",\"sourceDueAt\":\"" + sourceDue + "\"");
            act(id, "take-into-work", POS_RESPONSIBLE, null).andExpect(status().isOk());
            act(id, "assign", POS_RESPONSIBLE, "{\"executor\":\"ispolnitel\"}").andExpect(status().isOk());
            act(id, "answer", EXECUTOR, "{\"answer\":\"Ответ\"}").andExpect(jsonPath("$.state").value("answered"));
            act(id, "return-for-rework", POS_RESPONSIBLE, "{\"comment\":\"Дополните сроками\"}").andExpect(jsonPath("$.state").value("assigned"));
            act(id, "answer", EXECUTOR, "{\"answer\":\"Ответ со сроками\"}").andExpect(status().isOk());
            act(id, "publish", POS_RESPONSIBLE, null).andExpect(jsonPath("$.state").value("published"));
            relay("pos", id, "submit-for-approval", null).andExpect(jsonPath("$.state").value("on-approval"));
            act(id, "approve", POS_RESPONSIBLE, null).andExpect(status().isForbidden());
            act(id, "approve", HEAD, null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("executed"))
                    .andExpect(jsonPath("$.isFinal").value(true));
            view(id).andExpect(jsonPath("$.deadlines[?(@.kind == 'answer')].status", hasItem("met")));
            relay("pos", id, "reopen", "{\"by\":\"moderator\",\"comment\":\"Ответ не по существу\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("in-work"));
        }
    }

    @Nested
    @DisplayName("п. 2.3. Платформа «Кузбасс Онлайн»")
    class KuzbassOnline {
        @Test
        @DisplayName("п. 2.3, абз. 3–7: принять в течение 24 часов, 14 дней на рассмотрение, категория, исполнитель, публикация со статусом «решено» или «разъяснено»")
        void п2_3_acceptanceCategoryExecutorAndResultStatus() throws Exception {
            Instant received = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            String id = intake("kuzbass-online", received, "");
            view(id).andExpect(jsonPath("$.message.dueKind").value("acceptance"))
                    .andExpect(jsonPath("$.message.dueAt").value(received.plus(24, ChronoUnit.HOURS).toString()));
            act(id, "take-into-work", KO_RESPONSIBLE, null).andExpect(status().isOk()).andExpect(jsonPath("$.dueKind").value("answer"));
            view(id).andExpect(jsonPath("$.deadlines[?(@.kind == 'acceptance')].status", hasItem("met")))
                    .andExpect(jsonPath("$.deadlines[?(@.kind == 'answer')].trace", hasItem(containsString("плюс 14 календарных дн."))));
            act(id, "categorize", KO_RESPONSIBLE, "{\"category\":\"parks\"}").andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.type").value("urn:mcu:problem:unknown-category"));
            // A subcategory must be one the template gives the category (Tashtagol's template lists none for «Транспорт»).
            act(id, "categorize", KO_RESPONSIBLE, "{\"category\":\"transport\",\"subcategory\":\"bus-stops\"}")
                    .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("subcategory"));
            act(id, "categorize", KO_RESPONSIBLE, "{\"category\":\"transport\"}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.block").value("industry-transport"));
            act(id, "assign", KO_RESPONSIBLE, "{\"executor\":\"ispolnitel\"}").andExpect(status().isOk());
            act(id, "publish", EXECUTOR, "{\"resultStatus\":\"done\"}").andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.field").value("resultStatus"));
            act(id, "publish", EXECUTOR, "{\"resultStatus\":\"explained\",\"answer\":\"Остановка в плане на 2027 год\"}")
                    .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("answered"))
                    .andExpect(jsonPath("$.resultStatus").value("explained")).andExpect(jsonPath("$.isFinal").value(true));
        }
    }

    @Nested
    @DisplayName("п. 2.4. Социальные сети Губернатора Кузбасса (срочные)")
    class GovernorPages {
        @Test
        @DisplayName("п. 2.4, абз. 2: ответ в течение суток до 18:00: поступило в 10:00 — до 18:00 того же дня, в 19:00 — до 18:00 следующего")
        void п2_4_абз2_answerTheSameDayBy18() throws Exception {
            String morning = intake("governor-pages", local("2026-11-21T10:00"), "");
            view(morning).andExpect(jsonPath("$.message.dueAt").value(local("2026-11-21T18:00").toString()));
            String evening = intake("governor-pages", local("2026-11-21T19:00"), "");
            view(evening).andExpect(jsonPath("$.message.dueAt").value(local("2026-11-22T18:00").toString()));
        }

        @Test
        @DisplayName("п. 2.4, абз. 3–7: по компетенции руководителю подразделения, поручение исполнителю, связь с заявителем, согласование, доработка, направление ответа заявителю")
        void п2_4_абз3_абз7_unitHeadExecutorApprovalAndSending() throws Exception {
            String id = intake("governor-pages", Instant.now().minusSeconds(60), "");
            act(id, "forward", GP_RESPONSIBLE, null).andExpect(jsonPath("$.state").value("at-unit"));
            act(id, "assign", GP_RESPONSIBLE, "{\"executor\":\"ispolnitel\"}").andExpect(status().isForbidden());
            act(id, "assign", UNIT_HEAD, "{\"executor\":\"ispolnitel\"}").andExpect(jsonPath("$.state").value("assigned"));
            act(id, "answer", EXECUTOR, "{\"answer\":\"Проект ответа\"}").andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.field").value("contactedApplicant"));
            act(id, "answer", EXECUTOR, "{\"answer\":\"Проект ответа\",\"contactedApplicant\":true}").andExpect(jsonPath("$.state").value("drafted"));
            act(id, "submit-for-approval", EXECUTOR, null).andExpect(jsonPath("$.state").value("unit-approval"));
            act(id, "approve", UNIT_HEAD, null).andExpect(jsonPath("$.state").value("approved"));
            act(id, "return-for-rework", GP_RESPONSIBLE, "{\"comment\":\"Уточните адрес\"}").andExpect(jsonPath("$.state").value("assigned"));
            act(id, "answer", EXECUTOR, "{\"answer\":\"Ответ\",\"contactedApplicant\":true}").andExpect(status().isOk());
            act(id, "submit-for-approval", EXECUTOR, null).andExpect(status().isOk());
            act(id, "approve", UNIT_HEAD, null).andExpect(status().isOk());
            act(id, "send-to-applicant", GP_RESPONSIBLE, null).andExpect(jsonPath("$.state").value("sent"))
                    .andExpect(jsonPath("$.isFinal").value(true));
            act(id, "send-to-applicant", GP_RESPONSIBLE, null).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.type").value("urn:mcu:problem:transition-not-allowed"))
                    .andExpect(jsonPath("$.state").value("sent"));
        }
    }

    /** An im message taken, given its first response and assigned to «ispolnitel» with a deadline tomorrow. */
    String assigned(String channel) throws Exception {
        String id = intake(channel, Instant.now().minusSeconds(60), "");
        act(id, "take-into-work", IM_RESPONSIBLE, null).andExpect(status().isOk());
        act(id, "reply-first", IM_RESPONSIBLE, "{\"answer\":\"Взяли в работу\"}").andExpect(status().isOk());
        act(id, "assign", IM_RESPONSIBLE, "{\"executor\":\"ispolnitel\",\"deadline\":\"" + inDays(1) + "\"}").andExpect(status().isOk());
        return id;
    }

    int acceptSilent(Instant at) throws Exception {
        return CurrentTenant.call(TENANT, () -> workflow.acceptSilent(tenants.configuration(TENANT).orElseThrow(), at));
    }
}
