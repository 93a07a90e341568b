package ru.mcu.core.imports;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;

import java.util.List;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.core.message.Intake;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Bulk import of a municipality's history (JSON lines or CSV): runs in the background, in chunks
 * through the same intake as the machine API (so the same checks, deadlines, audit trail and
 * idempotency), keeps its progress, and reports every rejected line with its field and reason
 * while the good lines go in. A closed case comes in closed, in the final state it reached.
 */
@Service
public class Imports {
    public record Rejection(int line, String field, String problem) {
    }

    public record Job(UUID id, String format, String status, int totalLines, int processed, int created, int duplicates, int rejected,
                      List<Rejection> rejections, String failure, String createdBy, java.time.Instant startedAt, java.time.Instant finishedAt) {
    }

    static final int CHUNK = 500;
    static final int MAX_REPORTED = 1_000;
    private static final Pattern ITEM = Pattern.compile("^messages\\[(\\d+)]\\.(.+)$");
    private static final Logger log = LoggerFactory.getLogger(Imports.class);

    private final Intake intake;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    Imports(Intake intake, JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.intake = intake;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** Reads the file now (a malformed file is refused at once) and imports it in the background; returns the job. */
    public UUID start(TenantConfiguration config, String format, byte[] body, Actor actor) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<ImportFile.Line> lines;
        try {
            lines = switch (format) {
                case "jsonl" -> ImportFile.jsonLines(text, json);
                case "csv" -> ImportFile.csv(text);
                default -> throw Refusal.invalid("format", "Формат — jsonl или csv");
            };
        } catch (IllegalArgumentException e) {
            throw new Refusal(422, "invalid-file", "Файл не читается", e.getMessage()).with("field", "file");
        }
        if (lines.isEmpty()) {
            throw new Refusal(422, "invalid-file", "Файл не читается", "В файле нет ни одной строки с сообщением").with("field", "file");
        }
        UUID id = UUID.randomUUID();
        String tenant = CurrentTenant.required();
        tx.executeWithoutResult(status -> jdbc.update("insert into import_job (tenant_id, id, format, status, total_lines, created_by, started_at) "
                + "values (current_tenant(), ?, ?, 'running', ?, ?, ?)", id, format, lines.size(), actor.name(), Timestamp.from(clock.instant())));
        // The background thread binds the municipality itself: nothing is inherited.
        Thread.ofVirtual().name("import-" + id).start(() -> CurrentTenant.run(tenant, () -> run(id, config, lines, actor)));
        return id;
    }

    private void run(UUID id, TenantConfiguration config, List<ImportFile.Line> lines, Actor actor) {
        List<Rejection> rejections = new ArrayList<>();
        int created = 0;
        int duplicates = 0;
        int processed = 0;
        try {
            for (int from = 0; from < lines.size(); from += CHUNK) {
                List<ImportFile.Line> chunk = new ArrayList<>();
                for (ImportFile.Line line : lines.subList(from, Math.min(lines.size(), from + CHUNK))) {
                    if (line.message() == null) {
                        rejections.add(new Rejection(line.number(), line.field(), line.problem()));
                    } else {
                        chunk.add(line);
                    }
                }
                // Take the chunk; a refused line is reported and left out, and the rest tried again.
                while (!chunk.isEmpty()) {
                    try {
                        List<Intake.Outcome> outcomes = intake.acceptHistory(config, chunk.stream().map(ImportFile.Line::message).toList(), actor);
                        for (Intake.Outcome outcome : outcomes) {
                            if (outcome.status() == Intake.Status.CREATED) {
                                created++;
                            } else {
                                duplicates++;
                            }
                        }
                        break;
                    } catch (Refusal refusal) {
                        int index = indexOf(refusal, chunk.size());
                        ImportFile.Line bad = chunk.remove(index);
                        String field = String.valueOf(refusal.facts().getOrDefault("field", ""));
                        Matcher item = ITEM.matcher(field);
                        rejections.add(new Rejection(bad.number(), item.matches() ? item.group(2) : (field.isEmpty() ? null : field), refusal.getMessage()));
                    }
                }
                processed = Math.min(lines.size(), from + CHUNK);
                progress(id, processed, created, duplicates, rejections, "running", null);
            }
            progress(id, lines.size(), created, duplicates, rejections, "done", null);
        } catch (RuntimeException e) {
            log.warn("Import {} failed: {}", id, e.toString());
            progress(id, processed, created, duplicates, rejections, "failed", "Импорт прерван: " + e.getMessage());
        }
    }

    /** Which message of the chunk the refusal names (messages[i].…); a refusal of the whole batch is the first line's. */
    private static int indexOf(Refusal refusal, int size) {
        Object field = refusal.facts().get("field");
        if (size == 1 || field == null) {
            return 0;
        }
        Matcher item = ITEM.matcher(String.valueOf(field));
        return item.matches() ? Math.min(size - 1, Integer.parseInt(item.group(1))) : 0;
    }

    private void progress(UUID id, int processed, int created, int duplicates, List<Rejection> rejections, String status, String failure) {
        String report = json.writeValueAsString(rejections.subList(0, Math.min(rejections.size(), MAX_REPORTED)));
        tx.executeWithoutResult(s -> jdbc.update("update import_job set processed = ?, created = ?, duplicates = ?, rejected = ?, rejections = ?, "
                        + "status = ?, failure = ?, finished_at = case when ? <> 'running' then now() end where id = ?", processed, created, duplicates,
                rejections.size(), report, status, failure, status, id));
    }

    public Optional<Job> job(UUID id) {
        return tx.execute(status -> jdbc.query("select * from import_job where id = ?", (rs, n) -> new Job(rs.getObject("id", UUID.class),
                rs.getString("format"), rs.getString("status"), rs.getInt("total_lines"), rs.getInt("processed"), rs.getInt("created"),
                rs.getInt("duplicates"), rs.getInt("rejected"), List.of(json.readValue(rs.getString("rejections"), Rejection[].class)),
                rs.getString("failure"), rs.getString("created_by"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant()), id).stream().findFirst());
    }
}
