package ru.mcu.core.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.mcu.core.message.AttachmentsArrived;
import ru.mcu.core.message.Message;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Checksums;
import ru.mcu.core.shared.Refusal;
import ru.mcu.platform.tenancy.CurrentTenant;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * A message's files: taken in with their checksum and the type their bytes show (Tika's detector: the
 * name and the sender's type are kept but never trusted), within the limits of {@link AttachmentLimits};
 * their text and metadata are extracted afterwards ({@link Extraction}). The caller has checked that the
 * message is the actor's to see; what of a file is shown follows the message's personal data rule.
 */
@Service
public class Attachments {
    /**
     * A file as the card lists it. Name, text and metadata are the citizen's: null for whoever may not see personal data.
     * {@code forAnswer}: staff attached it to the answer, and the connector publishing the answer takes it along.
     */
    public record AttachmentView(UUID id, UUID messageId, String name, String type, long size, String sha256, Instant addedAt, String addedBy, String source,
                       String extraction, String extractionNote, Integer textLength, String textExcerpt, Map<String, Object> metadata,
                       boolean personalDataHidden, boolean forAnswer) {
    }

    /** The bytes to download, under the detected type. */
    public record Content(String name, String type, String sha256, byte[] bytes) {
    }

    public enum Source { STAFF, CONNECTOR, IMPORT }

    private static final int EXCERPT = 400;
    private static final int MAX_NAME = 255;

    private final JdbcTemplate jdbc;
    private final AttachmentLimits limits;
    private final Extraction extraction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectMapper json;
    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    Attachments(JdbcTemplate jdbc, AttachmentLimits limits, Extraction extraction, ApplicationEventPublisher events, Clock clock, ObjectMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.limits = limits;
        this.extraction = extraction;
        this.events = events;
        this.clock = clock;
    }

    public AttachmentLimits limits() {
        return limits;
    }

    /** Adds a file to the message (already found and checked visible); refused, naming the rule, if it breaks a limit. */
    @Transactional
    public AttachmentView add(Message message, String name, String declaredType, byte[] bytes, Source source, Actor actor, boolean forAnswer) {
        return add(message.getId(), name, declaredType, bytes, Checksums.sha256(bytes), source, actor, "name", "file", forAnswer);
    }

    /**
     * The files that came with messages taken in (a connector's, an import's), in intake's transaction: a file
     * refused refuses the batch, naming it ({@code messages[i].attachments[j].content}), and nothing is written.
     * A file the message already has (the same checksum: a retried message brings its files again) is not added twice.
     */
    @EventListener
    void arrived(AttachmentsArrived arrived) {
        CurrentTenant.requireSame(arrived.tenant());
        Source source = arrived.history() ? Source.IMPORT : arrived.actor().kind() == Actor.Kind.CONNECTOR ? Source.CONNECTOR : Source.STAFF;
        for (AttachmentsArrived.Arrived message : arrived.messages()) {
            for (int i = 0; i < message.files().size(); i++) {
                var file = message.files().get(i);
                String field = message.field() + "[" + i + "].";
                byte[] bytes = file.content() == null ? new byte[0] : file.content();
                String sha256 = Checksums.sha256(bytes);
                if (bytes.length > 0 && Boolean.TRUE.equals(jdbc.queryForObject(
                        "select exists (select 1 from attachment where message_id = ? and sha256 = ?)", Boolean.class, message.messageId(), sha256))) {
                    continue;
                }
                add(message.messageId(), file.name(), file.type(), bytes, sha256, source, arrived.actor(), field + "name", field + "content", false);
            }
        }
    }

    private AttachmentView add(UUID messageId, String name, String declaredType, byte[] bytes, String sha256, Source source, Actor actor,
                               String nameField, String fileField, boolean forAnswer) {
        String tenant = CurrentTenant.required();
        String fileName = name(name, nameField);
        if (bytes.length == 0) {
            throw Refusal.invalid(fileField, "Файл пуст");
        }
        if (bytes.length > limits.maxFileSize().toBytes()) {
            throw tooLarge("Файл больше " + human(limits.maxFileSize().toBytes()), fileField);
        }
        String type = detect(bytes);
        if (!limits.allowedTypes().contains(type)) {
            throw new Refusal(415, "attachment-type-not-allowed", "Такие файлы не принимаются", "Файл «" + shortName(fileName) + "» по содержимому — "
                    + type + "; принимаются: " + String.join(", ", limits.allowedTypes())).with("field", fileField).with("detectedType", type);
        }
        // The message's row is locked so that two files added at once cannot both pass its totals.
        String lockedState = jdbc.queryForObject("select state from message where id = ? for update", String.class, messageId);
        Map<String, Object> totals = jdbc.queryForMap("select count(*) as files, coalesce(sum(size), 0) as bytes from attachment where message_id = ?",
                messageId);
        if (((Number) totals.get("files")).intValue() >= limits.maxFiles()) {
            throw new Refusal(422, "attachments-too-many", "Слишком много файлов", "К сообщению приложено уже " + totals.get("files")
                    + " файлов — это предел").with("field", fileField).with("limit", limits.maxFiles());
        }
        if (((Number) totals.get("bytes")).longValue() + bytes.length > limits.maxMessageSize().toBytes()) {
            throw tooLarge("Все файлы сообщения вместе — не больше " + human(limits.maxMessageSize().toBytes()) + "; уже приложено "
                    + human(((Number) totals.get("bytes")).longValue()), fileField);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String declared = declaredType == null || declaredType.isBlank() ? null : declaredType.length() > 200 ? declaredType.substring(0, 200) : declaredType;
        jdbc.update("insert into attachment (tenant_id, id, message_id, name, declared_type, detected_type, size, sha256, content, added_at, added_by, source, "
                        + "for_answer) values (current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, messageId, fileName, declared, type, bytes.length, sha256,
                bytes, Timestamp.from(now), actor.name(), source.name().toLowerCase(java.util.Locale.ROOT), forAnswer);
        events.publishEvent(new AttachmentAdded(tenant, messageId, id, type, bytes.length, sha256, actor.name(),
                actor.kind() == Actor.Kind.STAFF ? actor.roles() : List.of(actor.kind().name().toLowerCase(java.util.Locale.ROOT)), lockedState, now));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                extraction.extractSoon(tenant);
            }
        });
        return new AttachmentView(id, messageId, fileName, type, bytes.length, sha256, now, actor.name(), source.name().toLowerCase(java.util.Locale.ROOT),
                "pending", null, null, null, null, false, forAnswer);
    }

    /** The message's files, oldest first. */
    @Transactional(readOnly = true)
    public List<AttachmentView> of(UUID messageId, boolean personalData) {
        return list(messageId, personalData, false);
    }

    /** The files staff attached to the message's answer, for the connector that publishes it. */
    @Transactional(readOnly = true)
    public List<AttachmentView> ofAnswer(UUID messageId) {
        return list(messageId, true, true);
    }

    private List<AttachmentView> list(UUID messageId, boolean personalData, boolean answerOnly) {
        return jdbc.query("select id, message_id, name, detected_type, size, sha256, added_at, added_by, source, extraction, extraction_note, for_answer, "
                + "text_length, left(extracted_text, ?) as excerpt, metadata::text as metadata from attachment "
                + "where message_id = ?" + (answerOnly ? " and for_answer" : "") + " order by added_at, id", (rs, n) -> view(rs, personalData), EXCERPT, messageId);
    }

    /** One file's bytes, if it is this message's (and, {@code answerOnly}, attached to its answer). */
    @Transactional(readOnly = true)
    public java.util.Optional<Content> content(UUID messageId, UUID id, boolean answerOnly) {
        return jdbc.query("select name, detected_type, sha256, content from attachment where id = ? and message_id = ?" + (answerOnly ? " and for_answer" : ""),
                (rs, n) -> new Content(rs.getString("name"), rs.getString("detected_type"), rs.getString("sha256"), rs.getBytes("content")),
                id, messageId).stream().findFirst();
    }

    /** The message a file belongs to, in the caller's municipality (row-level security hides the others'). */
    @Transactional(readOnly = true)
    public java.util.Optional<UUID> messageOf(UUID id) {
        return jdbc.queryForList("select message_id from attachment where id = ?", UUID.class, id).stream().findFirst();
    }

    /** The real type, from the bytes alone: no name and no declared type reach the detector. */
    String detect(byte[] bytes) {
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            return detector.detect(in, new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AttachmentView view(ResultSet rs, boolean personalData) throws SQLException {
        Integer length = (Integer) rs.getObject("text_length");
        Map<String, Object> metadata = null;
        String json = rs.getString("metadata");
        if (personalData && json != null) {
            metadata = this.json.readValue(json, new TypeReference<Map<String, Object>>() { });
        }
        return new AttachmentView(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class), personalData ? rs.getString("name") : null,
                rs.getString("detected_type"), rs.getLong("size"), rs.getString("sha256"), rs.getTimestamp("added_at").toInstant(), rs.getString("added_by"),
                rs.getString("source"), rs.getString("extraction"), rs.getString("extraction_note"), length,
                personalData ? rs.getString("excerpt") : null, metadata, !personalData, rs.getBoolean("for_answer"));
    }

    private static String name(String name, String field) {
        if (name == null || name.isBlank()) {
            throw Refusal.invalid(field, "Не указано имя файла");
        }
        // Only the last part of a path, without control characters: the name is shown and offered back on download.
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\\p{Cf}]", "").strip();
        if (last.isEmpty()) {
            throw Refusal.invalid(field, "Имя файла пусто");
        }
        if (last.length() > MAX_NAME) {
            throw Refusal.invalid(field, "Имя файла длиннее " + MAX_NAME + " знаков");
        }
        return last;
    }

    private static String shortName(String name) {
        return name.length() > 60 ? name.substring(0, 60) + "…" : name;
    }

    private static Refusal tooLarge(String detail, String field) {
        return new Refusal(413, "attachment-too-large", "Файл слишком большой", detail).with("field", field);
    }

    static String human(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / 1024 / 1024 + " МиБ" : bytes >= 1024 ? bytes / 1024 + " КиБ" : bytes + " байт";
    }

}
