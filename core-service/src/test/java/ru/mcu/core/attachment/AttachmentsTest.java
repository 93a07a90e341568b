package ru.mcu.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Attachments of Tashtagol's messages, on real files of each kind made here: the type their bytes show,
 * their text in the message's search, the limits, the failures recorded (an encrypted PDF, a broken one,
 * an archive bomb), the personal data rule and the isolation from another municipality, as the
 * application's database role.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H", "mcu.attachments.max-files=40"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentsTest {
    static final String TENANT = "files-tashtagol";
    static final String OTHER = "files-barnaul";
    /** Sees the messages and their citizens' personal data (the governor's pages' responsible). */
    static final RequestPostProcessor RESPONSIBLE = Municipalities.staff(TENANT, "otvetstvenny", "governor-pages-responsible");
    /** Sees the messages, not the personal data (the control department's responsible). */
    static final RequestPostProcessor KO = Municipalities.staff(TENANT, "ko", "ko-responsible");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    String message;
    String externalId;

    @BeforeAll
    void aMessage(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "barnaul", OTHER);
        message = Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(600), "Во дворе нет воды");
        externalId = JsonPath.read(mvc.perform(get("/api/messages/" + message).with(RESPONSIBLE)).andReturn().getResponse().getContentAsString(),
                "$.message.externalId");
    }

    ResultActions upload(String messageId, String name, String declaredType, byte[] bytes, RequestPostProcessor who) throws Exception {
        var request = post("/api/attachments/messages/" + messageId).param("name", name).content(bytes).with(who);
        return mvc.perform(declaredType == null ? request : request.contentType(declaredType));
    }

    String added(String name, String declaredType, byte[] bytes) throws Exception {
        String body = upload(message, name, declaredType, bytes, RESPONSIBLE).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    /** The file once its extraction has ended (done or failed), as the responsible's list shows it. */
    java.util.Map<String, Object> extracted(String id) {
        List<java.util.Map<String, Object>> seen = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String list = mvc.perform(get("/api/attachments/messages/" + message).with(RESPONSIBLE)).andReturn().getResponse().getContentAsString();
            List<java.util.Map<String, Object>> files = JsonPath.read(list, "$[?(@.id == '" + id + "')]");
            seen.clear();
            seen.addAll(files);
            return files.size() == 1 && List.of("done", "failed").contains(files.getFirst().get("extraction"));
        });
        return seen.getFirst();
    }

    /** The file's state, type, text and note, as one line to assert on. */
    String summary(java.util.Map<String, Object> file) {
        return file.get("extraction") + " | " + file.get("type") + " | " + file.get("textExcerpt") + " | " + file.get("extractionNote") + " | "
                + file.get("metadata");
    }

    @Test
    void aPdfsRussianTextJoinsTheMessagesSearchForThoseWhoMaySeeIt() throws Exception {
        String id = added("акт-обследования.pdf", "application/pdf", TestFiles.pdf("Акт обследования водопровода на улице Ленина", null));
        assertThat(summary(extracted(id))).startsWith("done | application/pdf").contains("водопровода");
        assertThat(found("водопровод", RESPONSIBLE)).as("the word in the PDF, by its stem").contains(message);
        assertThat(found("водопровод", KO)).as("the files' text is personal data: not searched for a role without it").doesNotContain(message);
        assertThat(found("воды", KO)).as("the message's own text still is").contains(message);
    }

    @Test
    void docxXlsxAndJpegAreReadByTheirBytesNotTheirNames() throws Exception {
        String docx = added("заявление.docx", "application/octet-stream", TestFiles.docx("Прошу заменить трубу в подвале"));
        String xlsx = added("ведомость.xlsx", null, TestFiles.xlsx("Показания счётчика холодной воды"));
        // A PDF called a photo, and declared one: it is a PDF, and is served as one.
        String disguised = added("фото.jpg", "image/jpeg", TestFiles.pdf("Скрытый документ", null));
        String jpeg = added("фото-двора.jpg", "image/jpeg", TestFiles.jpeg(640, 480));
        assertThat(summary(extracted(docx))).startsWith("done | application/vnd.openxmlformats-officedocument.wordprocessingml").contains("трубу");
        assertThat(summary(extracted(xlsx))).startsWith("done | application/vnd.openxmlformats-officedocument.spreadsheetml").contains("счётчика");
        assertThat(summary(extracted(disguised))).startsWith("done | application/pdf").contains("Скрытый");
        assertThat(summary(extracted(jpeg))).startsWith("done | image/jpeg | null").as("the photo's metadata kept").contains("640");
        mvc.perform(get("/api/attachments/" + disguised + "/content").with(RESPONSIBLE)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf")).andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''")));
    }

    @Test
    void anEncryptedABrokenAndABombFileEndAsRecordedFailures() throws Exception {
        String encrypted = added("секретно.pdf", "application/pdf", TestFiles.pdf("Пароль", "secret"));
        String broken = added("битый.pdf", "application/pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R".getBytes());
        String bomb = added("архив.zip", "application/zip", TestFiles.bomb());
        assertThat(summary(extracted(encrypted))).startsWith("failed | application/pdf").contains("зашифрован");
        assertThat(summary(extracted(broken))).startsWith("failed | application/pdf").contains("повреждён");
        assertThat(summary(extracted(bomb))).startsWith("failed | application/zip").contains("архив-бомбу");
        assertThat(summary(extracted(added("архив-в-архиве.zip", null, TestFiles.nestedBomb())))).startsWith("failed").contains("архив-бомбу");
        // The service goes on: the next file is read as usual.
        assertThat(summary(extracted(added("после.docx", null, TestFiles.docx("После бомбы"))))).startsWith("done").contains("После бомбы");
    }

    @Test
    void aTypeNotAllowedAnEmptyFileAndANamelessOneAreRefusedAndNothingIsKept() throws Exception {
        long before = count(TENANT, "select count(*) from attachment");
        upload(message, "инструкция.pdf", "application/pdf", "#!/bin/sh\nrm -rf /\n".getBytes(), RESPONSIBLE).andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:attachment-type-not-allowed")).andExpect(jsonPath("$.field").value("file"));
        upload(message, "пусто.txt", "text/plain", new byte[0], RESPONSIBLE).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("file"));
        upload(message, " ", "text/plain", "текст".getBytes(), RESPONSIBLE).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("name"));
        assertThat(count(TENANT, "select count(*) from attachment")).isEqualTo(before);
    }

    @Test
    void aMessageTakesItsLimitOfFilesAndNoMore() throws Exception {
        String another = Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(60), "Много фото");
        for (int i = 0; i < 40; i++) {
            upload(another, "фото-" + i + ".txt", "text/plain", ("снимок " + i).getBytes(), RESPONSIBLE).andExpect(status().isCreated());
        }
        upload(another, "лишний.txt", "text/plain", "ещё".getBytes(), RESPONSIBLE).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:attachments-too-many"));
        assertThat(count(TENANT, "select count(*) from attachment where message_id = '" + another + "'")).isEqualTo(40);
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        upload(message, "большой.txt", "text/plain", new byte[10 * 1024 * 1024 + 1], RESPONSIBLE).andExpect(status().isContentTooLarge());
    }

    @Test
    void personalDataFileNamesTextAndBytesOnlyForWhoeverMaySeeThem() throws Exception {
        String id = added("паспорт.txt", "text/plain", "Иванов Иван Иванович, паспорт 1234 567890".getBytes());
        extracted(id);
        String hidden = mvc.perform(get("/api/attachments/messages/" + message).with(KO)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((List<Object>) JsonPath.read(hidden, "$[?(@.id == '" + id + "')].name")).containsExactly((Object) null);
        assertThat((List<Object>) JsonPath.read(hidden, "$[?(@.id == '" + id + "')].textExcerpt")).containsExactly((Object) null);
        assertThat(hidden).doesNotContain("Иванов");
        mvc.perform(get("/api/attachments/" + id + "/content").with(KO)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:personal-data-hidden"));
        byte[] bytes = mvc.perform(get("/api/attachments/" + id + "/content").with(RESPONSIBLE)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).startsWith("Иванов");
        String trail = mvc.perform(get("/api/audit/messages/" + message).with(RESPONSIBLE)).andReturn().getResponse().getContentAsString();
        assertThat(trail).as("the history records the file, not its name").contains("\"action\":\"attach\"").contains(id).doesNotContain("паспорт.txt");
    }

    @Test
    void aConnectorAddsAFileToAMessageOfItsChannelOnly() throws Exception {
        mvc.perform(post("/api/intake/attachments/im/" + externalId).param("name", "ответ-жителя.txt").contentType("text/plain")
                        .content("Фото прилагаю".getBytes()).with(Municipalities.connector(TENANT, "im")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.source").value("connector"));
        mvc.perform(post("/api/intake/attachments/im/" + externalId).param("name", "x.txt").contentType("text/plain")
                        .content("x".getBytes()).with(Municipalities.connector(TENANT, "pos")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:mcu:problem:channel-not-granted"));
    }

    /** The reply letter staff attach to the answer goes to the connector that publishes it; the citizen's own files do not. */
    @Test
    void theAnswersFilesGoToTheConnectorThatPublishesTheAnswer() throws Exception {
        String citizens = added("фото-жителя.jpg", "image/jpeg", TestFiles.jpeg(64, 48));
        String letter = JsonPath.read(mvc.perform(post("/api/attachments/messages/" + message).param("name", "ответ-заявителю.pdf").param("forAnswer", "true")
                        .content(TestFiles.pdf("Уважаемый заявитель, водоснабжение восстановлено", null)).with(RESPONSIBLE))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.forAnswer").value(true)).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/attachments/messages/" + message).param("name", "x.txt").param("forAnswer", "true").content("x".getBytes()).with(KO))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.field").value("forAnswer"));
        RequestPostProcessor im = Municipalities.connector(TENANT, "im");
        String files = mvc.perform(get("/api/intake/attachments/im/" + externalId).with(im)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((List<String>) JsonPath.read(files, "$[*].id")).containsExactly(letter);
        assertThat((List<String>) JsonPath.read(files, "$[*].name")).containsExactly("ответ-заявителю.pdf");
        byte[] pdf = mvc.perform(get("/api/intake/attachments/im/" + externalId + "/" + letter + "/content").with(im)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf")).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        mvc.perform(get("/api/intake/attachments/im/" + externalId + "/" + citizens + "/content").with(im)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:attachment-not-found"));
        mvc.perform(get("/api/intake/attachments/im/" + externalId).with(Municipalities.connector(TENANT, "pos"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:channel-not-granted"));
        mvc.perform(get("/api/intake/attachments/im/" + externalId).with(Municipalities.connector(OTHER, "im"))).andExpect(status().isNotFound());
    }

    /** A connector's message with a file inline (base64 in the JSON): both kept, the file read; a bad file refuses the message, nothing kept. */
    @Test
    void aMessageComesWithItsFilesOrNotAtAll() throws Exception {
        String photo = "{\"name\":\"яма.jpg\",\"type\":\"image/jpeg\",\"content\":\""
                + java.util.Base64.getEncoder().encodeToString(TestFiles.jpeg(320, 240)) + "\"}";
        String head = "{\"channel\":\"im\",\"externalId\":\"" + java.util.UUID.randomUUID() + "\",\"receivedAt\":\""
                + Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"text\":\"Яма, фото прилагаю\",\"attachments\":[";
        String body = mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, "im")).contentType("application/json")
                        .content(head + photo + "]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String withPhoto = JsonPath.read(body, "$.id");
        String list = mvc.perform(get("/api/attachments/messages/" + withPhoto).with(RESPONSIBLE)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((List<String>) JsonPath.read(list, "$[*].name")).containsExactly("яма.jpg");
        assertThat((List<String>) JsonPath.read(list, "$[*].source")).containsExactly("connector");
        // A retry after a lost answer brings the photo again, and one more file: the photo is not doubled, the new file is kept.
        String note = "{\"name\":\"пояснение.txt\",\"content\":\"" + java.util.Base64.getEncoder().encodeToString("Яма глубокая".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + "\"}";
        mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, "im")).contentType("application/json")
                .content(head + photo + "," + note + "]}")).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(withPhoto));
        list = mvc.perform(get("/api/attachments/messages/" + withPhoto).with(RESPONSIBLE)).andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(list, "$[*].name")).containsExactly("яма.jpg", "пояснение.txt");

        long messages = count(TENANT, "select count(*) from message");
        long files = count(TENANT, "select count(*) from attachment");
        String script = java.util.Base64.getEncoder().encodeToString("#!/bin/sh\necho\n".getBytes());
        mvc.perform(post("/api/intake/messages/batch").with(Municipalities.connector(TENANT, "im")).contentType("application/json")
                        .content("{\"messages\":[{\"channel\":\"im\",\"externalId\":\"" + java.util.UUID.randomUUID() + "\",\"receivedAt\":\""
                                + Instant.now().minusSeconds(30) + "\",\"text\":\"Первое\"},{\"channel\":\"im\",\"externalId\":\"" + java.util.UUID.randomUUID()
                                + "\",\"receivedAt\":\"" + Instant.now().minusSeconds(30) + "\",\"text\":\"Второе\",\"attachments\":[{\"name\":\"x.pdf\",\"content\":\""
                                + script + "\"}]}]}"))
                .andExpect(status().isUnsupportedMediaType()).andExpect(jsonPath("$.field").value("messages[1].attachments[0].content"));
        assertThat(count(TENANT, "select count(*) from message")).as("the batch refused whole").isEqualTo(messages);
        assertThat(count(TENANT, "select count(*) from attachment")).isEqualTo(files);
    }

    /** A history import's JSON lines carry their files; a line whose file is refused is reported with its field, the others come in. */
    @Test
    void anImportBringsItsFilesAndReportsARefusedOne() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String pdf = java.util.Base64.getEncoder().encodeToString(TestFiles.pdf("Ответ подрядчика о ремонте теплотрассы", null));
        String jsonl = "{\"channel\":\"im\",\"externalId\":\"" + run + "-1\",\"receivedAt\":\"2026-11-02T03:00:00Z\",\"text\":\"Нет отопления\","
                + "\"attachments\":[{\"name\":\"ответ.pdf\",\"content\":\"" + pdf + "\"}]}\n"
                + "{\"channel\":\"im\",\"externalId\":\"" + run + "-2\",\"receivedAt\":\"2026-11-02T04:00:00Z\",\"text\":\"Нет отопления тоже\","
                + "\"attachments\":[{\"name\":\"пусто.txt\",\"content\":\"\"}]}\n";
        RequestPostProcessor head = Municipalities.staff(TENANT, "glava", "head");
        String started = mvc.perform(post("/api/imports").param("format", "jsonl").with(head).contentType("text/plain;charset=UTF-8")
                .content(jsonl.getBytes(java.nio.charset.StandardCharsets.UTF_8))).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String job = JsonPath.read(started, "$.id");
        String[] report = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            report[0] = mvc.perform(get("/api/imports/" + job).with(head)).andReturn().getResponse().getContentAsString();
            return !"running".equals(JsonPath.read(report[0], "$.status"));
        });
        assertThat((Integer) JsonPath.read(report[0], "$.created")).isEqualTo(1);
        assertThat((List<String>) JsonPath.read(report[0], "$.rejections[*].field")).containsExactly("attachments[0].content");
        assertThat(count(TENANT, "select count(*) from attachment a join message m on m.id = a.message_id where m.external_id = '" + run
                + "-1' and a.source = 'import' and a.detected_type = 'application/pdf'")).isEqualTo(1);
        assertThat(count(TENANT, "select count(*) from message where external_id = '" + run + "-2'")).isZero();
    }

    @Test
    void anotherMunicipalitySeesNoneOfItAsTheApplicationRole() throws Exception {
        String id = added("схема.txt", "text/plain", "Схема сетей".getBytes());
        RequestPostProcessor otherHead = Municipalities.staff(OTHER, "glava", "head");
        mvc.perform(get("/api/attachments/messages/" + message).with(otherHead)).andExpect(status().isNotFound());
        mvc.perform(get("/api/attachments/" + id + "/content").with(otherHead)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:attachment-not-found"));
        upload(message, "чужое.txt", "text/plain", "x".getBytes(), otherHead).andExpect(status().isNotFound());
        assertThat(count(OTHER, "select count(*) from attachment")).isZero();
        assertThat(count(TENANT, "select count(*) from attachment where id = '" + id + "'")).isEqualTo(1);
        assertThat(update(OTHER, "update attachment set extracted_text = 'x'")).isZero();
        assertThatThrownBy(() -> update(OTHER, "insert into attachment (tenant_id, id, message_id, name, detected_type, size, sha256, content, added_at, "
                + "added_by, source) values ('" + TENANT + "', gen_random_uuid(), '" + message + "', 'x', 'text/plain', 1, 'x', '\\x00', now(), 'x', 'staff')"))
                .rootCause().hasMessageContaining("row-level security");
    }

    List<String> found(String q, RequestPostProcessor who) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/messages").param("q", q).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(), "$.items[*].id");
    }

    long count(String tenant, String sql) throws Exception {
        Long n = CurrentTenant.call(tenant, () -> tx.execute(status -> jdbc.queryForObject(sql, Long.class)));
        return n == null ? 0 : n;
    }

    int update(String tenant, String sql) throws Exception {
        Integer n = CurrentTenant.call(tenant, () -> tx.execute(status -> jdbc.update(sql)));
        return n == null ? 0 : n;
    }
}
