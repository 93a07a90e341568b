package ru.mcu.core.imports;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/** Bulk import of history: good lines go in, each bad line is reported with its number, field and reason, and a re-import adds nothing. */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class ImportTest {
    static final String A = "import-tashtagol";
    static final String B = "import-other";
    static final RequestPostProcessor ADMIN = Municipalities.staff(A, "rukovoditel", "head");

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", A);
        Municipalities.publish(redis, "tashtagol", B);
    }

    String upload(String format, String body) throws Exception {
        String started = mvc.perform(post("/api/imports").param("format", format).with(ADMIN).contentType("text/plain;charset=UTF-8")
                        .content(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .andExpect(status().isAccepted()).andExpect(header().string("Location", containsString("/api/imports/")))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(started, "$.id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(JsonPath.read(mvc.perform(get("/api/imports/" + id).with(ADMIN))
                .andReturn().getResponse().getContentAsString(), "$.status")));
        return id;
    }

    ResultActions job(String id) throws Exception {
        return mvc.perform(get("/api/imports/" + id).with(ADMIN));
    }

    @Test
    void aCsvOfHistoryGoesInLineByLineWithAReportOfRejectedLines() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "channel,externalId,receivedAt,text,citizenName,latitude,longitude,category\n"
                + "im," + run + "-1,2025-12-30T03:00:00Z,Яма у остановки,Иванов,,,roads\n"
                + "fax," + run + "-2,2025-12-30T03:00:00Z,Неизвестный канал,,,,\n"
                + "im," + run + "-3,2099-01-01T00:00:00Z,Из будущего,,,,\n"
                + "pos," + run + "-4,2026-01-12T03:00:00Z,\"Текст с запятой, кавычками \"\"вот\"\" и\nпереносом строки\",\"Петров, П.\",53.1,87.9,\n"
                + "im," + run + "-5,2026-01-12T03:00:00Z,Широта — слово,,север,87.9,\n";
        String id = upload("csv", csv);
        job(id).andExpect(jsonPath("$.status").value("done"))
                .andExpect(jsonPath("$.totalLines").value(5))
                .andExpect(jsonPath("$.processed").value(5))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.rejected").value(3))
                .andExpect(jsonPath("$.rejections[?(@.line == 3)].field").value("channel"))
                .andExpect(jsonPath("$.rejections[?(@.line == 4)].field").value("receivedAt"))
                .andExpect(jsonPath("$.rejections[?(@.line == 6)].field").value("latitude")); // a record, as a spreadsheet numbers rows
        mvc.perform(get("/api/messages").param("q", "переносом").with(Municipalities.staff(A, "h", "head")))
                .andExpect(jsonPath("$.items[0].text").value("Текст с запятой, кавычками \"вот\" и\nпереносом строки"));

        String again = upload("csv", csv);
        job(again).andExpect(jsonPath("$.created").value(0)).andExpect(jsonPath("$.duplicates").value(2)).andExpect(jsonPath("$.rejected").value(3));
        mvc.perform(get("/api/imports/" + id).with(Municipalities.staff(B, "rukovoditel", "head"))).andExpect(status().isNotFound());
    }

    @Test
    void jsonLinesWithABrokenLine() throws Exception {
        String run = UUID.randomUUID().toString();
        String id = upload("jsonl", "{\"channel\":\"im\",\"externalId\":\"" + run + "\",\"receivedAt\":\"2026-02-02T03:00:00Z\",\"text\":\"Снег\"}\n"
                + "{не json}\n\n"
                + "{\"channel\":\"im\",\"receivedAt\":\"когда-то\",\"text\":\"Снег\"}\n");
        job(id).andExpect(jsonPath("$.created").value(1)).andExpect(jsonPath("$.rejected").value(2))
                .andExpect(jsonPath("$.rejections[0].line").value(2))
                .andExpect(jsonPath("$.rejections[1].line").value(4)).andExpect(jsonPath("$.rejections[1].field").value("receivedAt"));
    }

    @Test
    void closedCasesComeInClosedWithNoDeadlineAndNeverOverdue() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "channel,externalId,receivedAt,text,category,closedState,closedAt,closedAnswer,closedResultStatus\n"
                + "kuzbass-online," + run + "-1,2025-03-03T03:00:00Z,Архивная яма на Ленина,roads,answered,2025-03-05T08:00:00Z,Яму заделали,resolved\n"
                + "im," + run + "-2,2025-03-03T03:00:00Z,Архивный мусор,,done,2025-03-04T08:00:00Z,,\n"
                + "im," + run + "-3,2025-03-03T03:00:00Z,Архив: не конечное состояние,,in-work,2025-03-04T08:00:00Z,,\n"
                + "im," + run + "-4,2025-03-03T03:00:00Z,Архив: закрыт раньше поступления,,done,2025-03-01T08:00:00Z,,\n"
                + "kuzbass-online," + run + "-5,2025-03-03T03:00:00Z,Архив: чужой статус,,answered,2025-03-05T08:00:00Z,Ответ,maybe\n"
                + "im," + run + "-6,2025-03-03T03:00:00Z,Архив: без времени закрытия,,done,,,\n"
                + "im," + run + "-7,2025-03-03T03:00:00Z,Архивное открытое сообщение,,,,,\n";
        String id = upload("csv", csv);
        job(id).andExpect(jsonPath("$.created").value(3)).andExpect(jsonPath("$.rejected").value(4))
                .andExpect(jsonPath("$.rejections[?(@.line == 4)].field").value("closed.state"))
                .andExpect(jsonPath("$.rejections[?(@.line == 4)].problem", org.hamcrest.Matchers.hasItem(containsString("конечные: done"))))
                .andExpect(jsonPath("$.rejections[?(@.line == 5)].field").value("closed.at"))
                .andExpect(jsonPath("$.rejections[?(@.line == 6)].field").value("closed.resultStatus"))
                .andExpect(jsonPath("$.rejections[?(@.line == 7)].field").value("closed.at"));

        RequestPostProcessor head = Municipalities.staff(A, "h", "head");
        String found = mvc.perform(get("/api/messages").param("q", "архивная яма").with(head)).andReturn().getResponse().getContentAsString();
        String pothole = JsonPath.read(found, "$.items[0].id");
        mvc.perform(get("/api/messages/" + pothole).with(head))
                .andExpect(jsonPath("$.message.state").value("answered")).andExpect(jsonPath("$.message.isFinal").value(true))
                .andExpect(jsonPath("$.message.closedAt").value("2025-03-05T08:00:00Z"))
                .andExpect(jsonPath("$.message.resultStatus").value("resolved")).andExpect(jsonPath("$.message.answer").value("Яму заделали"))
                .andExpect(jsonPath("$.message.dueAt").doesNotExist()).andExpect(jsonPath("$.deadlines").isEmpty());
        mvc.perform(get("/api/audit/messages/" + pothole).with(head))
                .andExpect(jsonPath("$[0].action").value("import-closed")).andExpect(jsonPath("$[0].toState").value("answered"));
        // The open line of the same archive is a message to handle, with its deadline long past; the closed ones are not.
        String overdue = mvc.perform(get("/api/messages").param("overdue", "true").param("q", "архивная")
                .with(head)).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat((java.util.List<String>) JsonPath.read(overdue, "$.items[*].text"))
                .contains("Архивное открытое сообщение").doesNotContain("Архивная яма на Ленина", "Архивный мусор");

        // A connector cannot bring a closed case: history comes only through an import.
        mvc.perform(post("/api/intake/messages").with(Municipalities.connector(A, "im")).contentType("application/json")
                        .content("{\"channel\":\"im\",\"receivedAt\":\"2025-03-03T03:00:00Z\",\"text\":\"Закрыто\","
                                + "\"closed\":{\"state\":\"done\",\"at\":\"2025-03-04T08:00:00Z\"}}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("closed"));
    }

    @Test
    void aFileThatCannotBeReadOrWhoMayNotImportAreRefusedAtOnce() throws Exception {
        mvc.perform(post("/api/imports").param("format", "csv").with(ADMIN).content("канал,текст\nim,x\n"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.type").value("urn:mcu:problem:invalid-file"))
                .andExpect(jsonPath("$.detail", containsString("канал")));
        mvc.perform(post("/api/imports").param("format", "xlsx").with(ADMIN).content("x"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("format"));
        mvc.perform(post("/api/imports").param("format", "csv").with(Municipalities.staff(A, "ex", "executor")).content("channel,text,receivedAt\n"))
                .andExpect(status().isForbidden());
    }
}
