package ru.mcu.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
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
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
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
        String id = added("акт-обследования.pdf", "application/pdf", pdf("Акт обследования водопровода на улице Ленина", null));
        assertThat(summary(extracted(id))).startsWith("done | application/pdf").contains("водопровода");
        assertThat(found("водопровод", RESPONSIBLE)).as("the word in the PDF, by its stem").contains(message);
        assertThat(found("водопровод", KO)).as("the files' text is personal data: not searched for a role without it").doesNotContain(message);
        assertThat(found("воды", KO)).as("the message's own text still is").contains(message);
    }

    @Test
    void docxXlsxAndJpegAreReadByTheirBytesNotTheirNames() throws Exception {
        String docx = added("заявление.docx", "application/octet-stream", docx("Прошу заменить трубу в подвале"));
        String xlsx = added("ведомость.xlsx", null, xlsx("Показания счётчика холодной воды"));
        // A PDF called a photo, and declared one: it is a PDF, and is served as one.
        String disguised = added("фото.jpg", "image/jpeg", pdf("Скрытый документ", null));
        String jpeg = added("фото-двора.jpg", "image/jpeg", jpeg());
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
        String encrypted = added("секретно.pdf", "application/pdf", pdf("Пароль", "secret"));
        String broken = added("битый.pdf", "application/pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R".getBytes());
        String bomb = added("архив.zip", "application/zip", bomb());
        assertThat(summary(extracted(encrypted))).startsWith("failed | application/pdf").contains("зашифрован");
        assertThat(summary(extracted(broken))).startsWith("failed | application/pdf").contains("повреждён");
        assertThat(summary(extracted(bomb))).startsWith("failed | application/zip").contains("архив-бомбу");
        // The service goes on: the next file is read as usual.
        assertThat(summary(extracted(added("после.docx", null, docx("После бомбы"))))).startsWith("done").contains("После бомбы");
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
    void aMessageTakesTwentyFilesAndNoMore() throws Exception {
        String another = Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(60), "Много фото");
        for (int i = 0; i < 20; i++) {
            upload(another, "фото-" + i + ".txt", "text/plain", ("снимок " + i).getBytes(), RESPONSIBLE).andExpect(status().isCreated());
        }
        upload(another, "лишний.txt", "text/plain", "ещё".getBytes(), RESPONSIBLE).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:attachments-too-many"));
        assertThat(count(TENANT, "select count(*) from attachment where message_id = '" + another + "'")).isEqualTo(20);
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

    static byte[] pdf(String text, String userPassword) throws IOException {
        try (PDDocument document = new PDDocument(); InputStream font = AttachmentsTest.class.getResourceAsStream(
                "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf")) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(PDType0Font.load(document, font), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] docx(String text) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(text);
            document.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx(String text) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Лист").createRow(0).createCell(0).setCellValue(text);
            book.write(out);
            return out.toByteArray();
        }
    }

    static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** 200 MB of one letter in a text file, zipped to a few hundred kilobytes. */
    static byte[] bomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("readme.txt"));
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 200; i++) {
                zip.write(chunk);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
