package ru.mcu.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Extraction throughput for typical files (a three-page PDF letter, a two-page DOCX, a 1600×1200 JPEG
 * photo) on this machine, each against the part of adding a file that is paid at once (detecting its
 * type from the bytes) in the same run; and intake's latency (a message through the machine API) while
 * files are being read in the background, against intake with nothing being read, in the same run.
 * Writes target/benchmarks/attachments.md. {@code -Dbench.attachments.files=N} files of each kind (30).
 */
@Tag("benchmark")
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class AttachmentBenchmark {
    static final String TENANT = "bench-files-tashtagol";
    static final int FILES = Integer.getInteger("bench.attachments.files", 30);
    static final int INTAKES = Integer.getInteger("bench.attachments.intakes", 200);

    @Autowired
    MockMvc mvc;
    @Autowired
    Extraction extraction;
    @Autowired
    Attachments attachments;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    record Kind(String name, String type, byte[] bytes) {
    }

    @Test
    void run(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        List<Kind> kinds = List.of(
                new Kind("PDF, 3 pages of text", "application/pdf", TestFiles.pdf(IntStream.range(0, 3).mapToObj(p -> letter(p, 45)).toList(), null)),
                new Kind("DOCX, 2 pages", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        TestFiles.docx(IntStream.range(0, 2).boxed().flatMap(p -> letter(p, 30).stream()).toArray(String[]::new))),
                new Kind("JPEG photo, 1600×1200", "image/jpeg", TestFiles.jpeg(1600, 1200)));

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                Attachments benchmark, %s, %d cores, Java %s; %d files of each kind, after 5 warm-up files

                | file | size | extraction: p50 / p95 | files per second (one thread) | type detection (paid when adding): p50 | ratio extraction / detection |
                | --- | --- | --- | --- | --- | --- |
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), FILES));
        for (Kind kind : kinds) {
            assertThat(attachments.detect(kind.bytes())).isEqualTo(kind.type());
            Extraction.Result sample = extraction.parse(kind.bytes());
            assertThat(sample.done()).as(kind.name() + " read: " + sample.note()).isTrue();
            double[] parse = times(() -> extraction.parse(kind.bytes()));
            double[] detect = times(() -> attachments.detect(kind.bytes()));
            report.append(String.format(Locale.ROOT, "| %s | %d KB | %.1f / %.1f ms | %.1f | %.2f ms | %.0f× |%n", kind.name(), kind.bytes().length / 1024,
                    percentile(parse, 50), percentile(parse, 95), 1000 / mean(parse), percentile(detect, 50), percentile(parse, 50) / percentile(detect, 50)));
        }

        // Intake alone and intake while files are read, in alternating blocks (so warm-up favours neither): in a reading
        // block a file is added (through the API, cycling the three kinds) before each timed intake, so extraction never runs dry.
        warmIntake();
        List<Double> alone = new ArrayList<>();
        List<Double> reading = new ArrayList<>();
        int added = 0;
        double uploads = 0;
        String message = null;
        for (int block = 0; block < 4; block++) {
            boolean withFiles = block % 2 == 1;
            for (int i = 0; i < INTAKES / 2; i++) {
                if (withFiles) {
                    if (added % 20 == 0) {
                        message = Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(60), "Фото и документы " + added);
                    }
                    Kind kind = kinds.get(added++ % kinds.size());
                    long u = System.nanoTime();
                    mvc.perform(post("/api/attachments/messages/" + message).param("name", "файл-" + added).content(kind.bytes())
                            .with(Municipalities.staff(TENANT, "head", "head"))).andExpect(status().isCreated());
                    uploads += (System.nanoTime() - u) / 1e6;
                } else {
                    // As long a pause as adding a file takes, so that both kinds of block leave intake's own background work
                    // (the analytics outbox folding the last message in) the same time to finish.
                    Thread.sleep(Math.round(added == 0 ? 10 : uploads / added));
                }
                long t = System.nanoTime();
                intake();
                (withFiles ? reading : alone).add((System.nanoTime() - t) / 1e6);
            }
        }
        long pending = count("select count(*) from attachment where extraction in ('pending', 'extracting')");
        double[] a = alone.stream().mapToDouble(Double::doubleValue).toArray();
        double[] r = reading.stream().mapToDouble(Double::doubleValue).toArray();
        report.append(String.format(Locale.ROOT, """

                | intake of one message (machine API, in-process), %d each, in alternating blocks, each after a pause as long as adding a file | p50 | p95 |
                | --- | --- | --- |
                | nothing being read | %.1f ms | %.1f ms |
                | while files are read in the background (one added before each intake, %d in all) | %.1f ms | %.1f ms |
                | **ratio** | **%.2f×** | %.2f× |

                Files still waiting to be read when the last intake was timed: %d of %d.
                """, INTAKES, percentile(a, 50), percentile(a, 95), added, percentile(r, 50), percentile(r, 95),
                percentile(r, 50) / percentile(a, 50), percentile(r, 95) / percentile(a, 95), pending, added));
        Path out = Path.of("target", "benchmarks", "attachments.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static List<String> letter(int page, int lines) {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            text.add("Стр. " + (page + 1) + ", строка " + (i + 1) + ": по обращению о ремонте кровли дома 5 по улице Ленина сообщаем, что работы");
        }
        return text;
    }

    private static double[] times(Supplier<?> work) {
        for (int i = 0; i < 5; i++) {
            work.get();
        }
        double[] ms = new double[FILES];
        for (int i = 0; i < FILES; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private void warmIntake() throws Exception {
        for (int i = 0; i < 30; i++) {
            intake();
        }
    }

    private void intake() throws Exception {
        mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, "im")).contentType(MediaType.APPLICATION_JSON)
                        .content(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of("channel", "im",
                                "externalId", UUID.randomUUID().toString(), "receivedAt", Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                                "text", "Не горит фонарь у дома 7"))))
                .andExpect(status().isCreated());
    }

    private long count(String sql) throws Exception {
        Long n = CurrentTenant.call(TENANT, () -> tx.execute(s -> jdbc.queryForObject(sql, Long.class)));
        return n == null ? 0 : n;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
