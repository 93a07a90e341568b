package ru.mcu.core.attachment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

import tools.jackson.databind.ObjectMapper;

/**
 * Extracts the text and metadata of the files added, in the background, one municipality at a time with
 * its tenant bound explicitly from the job: right after the adding transaction commits, and every few
 * seconds for whatever is left. A file is claimed in one short transaction, parsed outside any, and its
 * result recorded in another; a claim an instance left behind (it stopped mid-parse) is taken again after
 * {@link #RECLAIM}, and a file whose parse was cut off {@link #MAX_ATTEMPTS} times is recorded as failed,
 * so no file holds the queue. Each parse runs on a thread of its own within the time budget; archives
 * are opened (their files' text joins the archive's), with Tika's guard against archives that unpack to
 * far more than they weigh; encrypted and malformed files end as a recorded failure with the reason.
 */
@Component
class Extraction {
    private static final Logger log = LoggerFactory.getLogger(Extraction.class);
    static final Duration RECLAIM = Duration.ofMinutes(15);
    static final int MAX_ATTEMPTS = 3;
    /** Files one municipality's run reads before the others' turn. */
    static final int TURN = 50;
    private static final int MAX_METADATA = 100;
    private static final int MAX_VALUE = 300;
    private static final String BOMB = "Архив распаковывается во много раз больше, чем весит (похоже на архив-бомбу); текст не извлечён";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TenantStatuses tenants;
    private final AttachmentLimits limits;
    private final Clock clock;
    private final Parser parser = new AutoDetectParser(TikaConfig.getDefaultConfig());
    /** One municipality's queue at a time, and one queued run per municipality. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("attachment-extraction").factory());
    /** A parse that overruns its budget is abandoned on its thread (Tika's parsers do not all stop when interrupted); the next gets a new one. */
    private final ExecutorService parses = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("tika-parse-", 0).factory());
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    private final ObjectMapper json;

    Extraction(JdbcTemplate jdbc, TransactionTemplate tx, TenantStatuses tenants, AttachmentLimits limits, Clock clock, ObjectMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.tx = tx;
        this.tenants = tenants;
        this.limits = limits;
        this.clock = clock;
    }

    /** What one parse gave: the text (null: none), its metadata, and a note (why it failed, or what was cut). */
    record Result(boolean done, String text, Map<String, Object> metadata, String note) {
        static Result failed(String note) {
            return new Result(false, null, null, note);
        }
    }

    private record Claimed(UUID id, byte[] content, int attempts) {
    }

    void extractSoon(String tenant) {
        if (pending.add(tenant)) {
            worker.execute(() -> {
                pending.remove(tenant);
                try {
                    CurrentTenant.call(tenant, () -> extract(tenant));
                } catch (Exception e) {
                    log.warn("Attachments of {} not extracted: {}", tenant, e.getMessage());
                }
            });
        }
    }

    @Scheduled(fixedDelayString = "${mcu.attachments.extract-every:PT5S}", initialDelayString = "${mcu.attachments.extract-initial-delay:PT5S}")
    void extractAll() {
        tenants.known().forEach(this::extractSoon);
    }

    /**
     * Extracts the bound municipality's waiting files, up to {@link #TURN} of them: one with more waits its turn again
     * behind the others, so a large import does not hold everyone's files. Returns how many it recorded.
     */
    int extract(String tenant) {
        CurrentTenant.requireSame(tenant);
        int recorded = 0;
        while (recorded < TURN) {
            Claimed claimed = tx.execute(status -> claim());
            if (claimed == null) {
                return recorded;
            }
            Result result = claimed.attempts() > MAX_ATTEMPTS
                    ? Result.failed("Разбор файла прерывался " + MAX_ATTEMPTS + " раза; текст не извлечён")
                    : parse(claimed.content());
            if (result == null) {
                // The service is stopping: the file goes back to the queue, to be read on the next start (or reclaimed after
                // RECLAIM if the database is already gone).
                boolean interrupted = Thread.interrupted();
                try {
                    tx.executeWithoutResult(status -> jdbc.update("update attachment set extraction = 'pending', claimed_at = null, "
                            + "attempts = attempts - 1 where id = ?", claimed.id()));
                } catch (RuntimeException e) {
                    log.info("Attachment {} of {} left to be reclaimed: {}", claimed.id(), tenant, e.getMessage());
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                return recorded;
            }
            try {
                tx.executeWithoutResult(status -> record(claimed.id(), result));
            } catch (DataAccessException e) {
                // What was read could not be stored (the database refused it): the file says so instead of waiting to be read again.
                log.warn("Attachment {} of {}: its text could not be stored: {}", claimed.id(), tenant, e.getMostSpecificCause().getMessage());
                tx.executeWithoutResult(status -> record(claimed.id(), Result.failed("Извлечённый текст не удалось сохранить; текст не извлечён")));
            }
            recorded++;
        }
        extractSoon(tenant);
        return recorded;
    }

    /** Stops the parses and the worker with the service; a file being read is read again on the next start. */
    @PreDestroy
    void stop() {
        worker.shutdownNow();
        parses.shutdownNow();
    }

    private Claimed claim() {
        List<Claimed> claimed = jdbc.query("update attachment set extraction = 'extracting', claimed_at = ?, attempts = attempts + 1 where id = "
                        + "(select id from attachment where extraction = 'pending' or (extraction = 'extracting' and claimed_at < ?) "
                        + "order by added_at limit 1 for update skip locked) returning id, content, attempts",
                (rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getBytes("content"), rs.getInt("attempts")),
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant().minus(RECLAIM)));
        return claimed.isEmpty() ? null : claimed.getFirst();
    }

    private void record(UUID id, Result result) {
        jdbc.update("update attachment set extraction = ?, extracted_text = ?, text_length = ?, metadata = ?::jsonb, extraction_note = ?, extracted_at = ?, "
                        + "claimed_at = null where id = ? and extraction = 'extracting'", result.done() ? "done" : "failed", result.text(),
                result.text() == null ? null : result.text().length(),
                result.metadata() == null ? null : json.writeValueAsString(result.metadata()), result.note(), Timestamp.from(clock.instant()), id);
    }

    /** One file's parse within the time budget; whatever goes wrong ends as a failure with its reason (null: the service is stopping). */
    Result parse(byte[] content) {
        Future<Result> parsing = parses.submit(() -> tika(content));
        long seconds = limits.parseTime().toSeconds();
        try {
            return parsing.get(limits.parseTime().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            parsing.cancel(true);
            return Result.failed("Разбор не уложился в " + seconds + " с: файл слишком сложен или повреждён; текст не извлечён");
        } catch (InterruptedException e) {
            parsing.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return Result.failed(reason(e.getCause()));
        }
    }

    private Result tika(byte[] content) throws Exception {
        if (Archives.unpacksBeyond(content, Math.max(Archives.FLOOR, Archives.RATIO * content.length))) {
            return Result.failed(BOMB);
        }
        Metadata metadata = new Metadata();
        ParseContext context = new ParseContext();
        // Files inside an archive are parsed too, by the same parser and under the same guards.
        context.set(Parser.class, parser);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setMaxMainMemoryBytes(limits.pdfMemory().toBytes());
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        BodyContentHandler text = new BodyContentHandler(limits.maxText());
        String note = null;
        try (TikaInputStream in = TikaInputStream.get(content)) {
            parser.parse(in, text, metadata, context);
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
            note = "Текст длиннее " + limits.maxText() + " знаков: сохранено его начало";
        }
        // PostgreSQL text holds no NUL; a text of only whitespace is no text (a photo, a scan without OCR).
        String extracted = text.toString().replace("\u0000", "").strip();
        return new Result(true, extracted.isEmpty() ? null : extracted, metadata(metadata), note);
    }

    private static Map<String, Object> metadata(Metadata metadata) {
        Map<String, Object> kept = new LinkedHashMap<>();
        String[] names = metadata.names();
        Arrays.sort(names);
        for (String name : names) {
            if (kept.size() >= MAX_METADATA) {
                break;
            }
            String[] values = Arrays.stream(metadata.getValues(name)).map(v -> v.replace("\u0000", ""))
                    .map(v -> v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) + "…" : v).toArray(String[]::new);
            kept.put(name, values.length == 1 ? values[0] : List.of(values));
        }
        return kept;
    }

    /** The reason in Russian, from the exception's chain; nothing of the file's content is echoed. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return "Файл зашифрован или защищён паролем; текст не извлечён";
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (message.contains("zip bomb") || message.contains("compression ratio")) {
                return BOMB;
            }
            if (t instanceof OutOfMemoryError) {
                return "Разбор файла превысил отведённую память; текст не извлечён";
            }
        }
        log.info("Attachment not parsed: {}", failure.toString());
        return "Файл повреждён или его формат не читается; текст не извлечён";
    }
}
