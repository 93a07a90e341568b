package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.stack.Databases;
import ru.mcu.platform.testsupport.BrowserSession;

/**
 * Load driver for the machine API (./mcu bench): the whole platform as ./mcu run starts it, a
 * connector issued by the regional operator, its real Keycloak token, and messages posted to
 * core-service over HTTP (authentication, validation, deadline computation, persistence, audit).
 * Baseline in the same run: a raw JDBC batch insert of the same rows into the same table of the
 * same PostgreSQL, as the same application role under row-level security, with nothing else.
 * Then latency at a steady 50 messages a second (ten times the national peak), open loop: each
 * request's time counts from when it was due to be sent. Writes target/benchmarks/ingest.md.
 */
@Tag("benchmark")
class IngestBenchmark {
    static final int ROWS = Integer.getInteger("bench.ingest.rows", 20_000);
    static final int BATCH = 500;
    static final int SINGLE = Integer.getInteger("bench.ingest.single", 4_000);
    static final int CLIENTS = 8;
    static final int RATE = 50;
    static final int STEADY_SECONDS = Integer.getInteger("bench.ingest.seconds", 30);
    static final String TENANT = "tashtagol";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Platform platform;
    private Connector connector;

    @Test
    void machineApiAgainstARawJdbcBatch() throws Exception {
        try (Platform started = Platform.start(Platform.Options.forTests(Path.of("target", "bench-ingest-" + ProcessHandle.current().pid())))) {
            platform = started;
            BrowserSession operator = new BrowserSession(URI.create(platform.gatewayUrl()));
            operator.logIn("operator", "operator");
            connector = Connector.issue(platform, operator, TENANT, List.of("im"));

            // Warm both paths (JIT, pools, plans) before measuring either.
            raw(2_000);
            viaBatches(2_000);
            singles(500, CLIENTS);

            double rawRate = raw(ROWS);
            double batchRate = viaBatches(ROWS);
            double singleRate = singles(SINGLE, CLIENTS);
            double[] latencies = steady(RATE, STEADY_SECONDS);

            String report = report(rawRate, batchRate, singleRate, latencies);
            Path out = Path.of("target", "benchmarks", "ingest.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    /** The baseline: the same rows, one JDBC batch per 500, as core_app with the tenant set. */
    private double raw(int rows) throws Exception {
        Databases.ServiceDatabase db = Databases.provision(platform.servers().postgres(), platform.servers().secrets(), "core");
        try (Connection connection = DriverManager.getConnection(db.app().url(), db.app().username(), db.app().password())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            for (int from = 0; from < rows; from += BATCH) {
                try (PreparedStatement tenant = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                    tenant.setString(1, TENANT);
                    tenant.execute();
                }
                try (PreparedStatement insert = connection.prepareStatement("insert into message (tenant_id, id, kind, channel, external_id, "
                        + "received_at, text, regulation, state, final, created_at, created_by, version) "
                        + "values (?, ?, 'message', 'im', ?, ?, ?, 'im', 'new', false, now(), 'raw', 0)")) {
                    for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                        insert.setString(1, TENANT);
                        insert.setObject(2, UUID.randomUUID());
                        insert.setString(3, "raw-" + UUID.randomUUID());
                        insert.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(60)));
                        insert.setString(5, text(i));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
            }
            return rows / seconds(start);
        }
    }

    private double viaBatches(int rows) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < rows; from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                batch.add(message(i));
            }
            HttpResponse<String> response = post("/api/intake/messages/batch", JSON.writeValueAsString(Map.of("messages", batch)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return rows / seconds(start);
    }

    /** Closed loop: {@code clients} connectors each posting one message at a time. */
    private double singles(int count, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpResponse<String> response = post("/api/intake/messages", JSON.writeValueAsString(message(i)));
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                });
            }
        }
        return count / seconds(start);
    }

    /** Open loop at a fixed rate: latency measured from each request's scheduled start. */
    private double[] steady(int perSecond, int seconds) throws Exception {
        int count = perSecond * seconds;
        long interval = 1_000_000_000L / perSecond;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        long origin = System.nanoTime() + 100_000_000L;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long due = origin + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int n = i;
                pool.submit(() -> {
                    HttpResponse<String> response = post("/api/intake/messages", JSON.writeValueAsString(message(1_000_000 + n)));
                    latencies.add((System.nanoTime() - due) / 1e6);
                    if (response.statusCode() != 201) {
                        failures.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        assertThat(failures.get()).isZero();
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private Map<String, Object> message(int i) {
        return Map.of("channel", "im", "externalId", "bench-" + UUID.randomUUID(), "receivedAt",
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString(), "text", text(i),
                "citizen", Map.of("name", "Заявитель " + i, "phone", "+7 900 000-00-00"), "address", "ул. Ленина, " + (i % 200));
    }

    private static String text(int i) {
        return "Не вывезен мусор во дворе дома № " + (i % 300) + ", контейнеры переполнены уже третий день";
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return connector.post(path, body);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String report(double raw, double batches, double singles, double[] latencies) {
        List<String> lines = new ArrayList<>();
        lines.add("| measure | value |");
        lines.add("| --- | --- |");
        lines.add(row("baseline: raw JDBC batch insert (" + ROWS + " rows, batches of " + BATCH + ")", raw, "msg/s"));
        lines.add(row("machine API, batches of " + BATCH + " (" + ROWS + " messages)", batches, "msg/s"));
        lines.add(row("machine API, one message a request, " + CLIENTS + " connectors in parallel (" + SINGLE + ")", singles, "msg/s"));
        lines.add(row("ratio: API batches / raw", batches / raw * 100, "%"));
        lines.add(row("ratio: API single messages / raw", singles / raw * 100, "%"));
        lines.add(row("steady " + RATE + " msg/s for " + STEADY_SECONDS + " s (" + latencies.length + " requests): p50", percentile(latencies, 0.50), "ms"));
        lines.add(row("  p95", percentile(latencies, 0.95), "ms"));
        lines.add(row("  p99", percentile(latencies, 0.99), "ms"));
        lines.add(row("  max", latencies[latencies.length - 1], "ms"));
        return "Ingest benchmark, " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + ManagementFactory.getOperatingSystemMXBean().getArch() + ", Java " + Runtime.version() + "\n\n" + String.join("\n", lines) + "\n";
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static String row(String what, double value, String unit) {
        return "| " + what + " | " + String.format(Locale.ROOT, "%.1f", value) + " " + unit + " |";
    }
}
