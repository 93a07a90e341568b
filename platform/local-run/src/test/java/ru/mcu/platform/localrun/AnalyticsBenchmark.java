package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.stack.Databases;
import ru.mcu.platform.stack.ManagedProcess;
import ru.mcu.platform.stack.Net;
import ru.mcu.platform.stack.RedisServer;
import ru.mcu.platform.stack.Servers;
import ru.mcu.platform.testsupport.BrowserSession;

/**
 * Analytics at the country's scale (./mcu bench analytics): 2,327 municipalities in 85 regions, 20
 * million messages over three years, the whole platform as ./mcu run starts it.
 * <ol>
 * <li>Data: the five demo municipalities are the real tenants; the rest exist as data only, loaded
 * straight into core-service's database ({@link AnalyticsLoad}). The onboarded municipalities'
 * facts and counts are derived by core-service itself (its check, in a core-service started for the
 * load with a larger heap); the others' by the loader's SQL, which is shown to give the
 * application's own facts on Barnaul's messages. The database is kept for the next run (a marker
 * names the scale), since loading 20 million messages takes a while.</li>
 * <li>Every dashboard query, rating, heat map, workload and regional comparison through the gateway
 * as the people who read them (Barnaul's head; the Kuzbass analyst; the federal methodologist), over
 * a month, a quarter and a year: p50/p95/max. Goal: p95 ≤ 100 ms.</li>
 * <li>Baseline in the same run: the same answers computed from the raw tables ({@link AnalyticsRaw}),
 * as the application's role, with their totals checked equal to the API's. Goal: ≥ 100×.</li>
 * <li>Freshness: a message through the machine API, and the seconds until Barnaul's dashboard counts
 * it. Goal: ≤ 60 s.</li>
 * <li>Ingest with the counts kept against the same without them (a second core-service with
 * {@code MCU_ANALYTICS_UPKEEP=false} beside the platform's), in batches, alternated. Goal: ≥ 90 %.</li>
 * </ol>
 * Writes target/benchmarks/analytics.md. Sizes: {@code -Dbench.analytics.messages=N} (a quick run:
 * 200000), {@code .rounds}, {@code .raw-rounds}, {@code .compare}, {@code .ingest}, {@code .loaders}, {@code .data}.
 */
@Tag("benchmark")
class AnalyticsBenchmark {
    static final long MESSAGES = Long.getLong("bench.analytics.messages", 20_000_000L);
    static final int WARM_UP = Integer.getInteger("bench.analytics.warm-up", 5);
    static final int ROUNDS = Integer.getInteger("bench.analytics.rounds", 40);
    static final int RAW_ROUNDS = Integer.getInteger("bench.analytics.raw-rounds", 3);
    /**
     * Whether the API's answers are compared with the raw ones before the timings (at 20 million
     * messages that is half an hour: a run that only times again, after one that compared, skips it).
     */
    static final boolean COMPARE = Boolean.parseBoolean(System.getProperty("bench.analytics.compare", "true"));
    /** The methodologist's raw baseline derives every message of the country: once per period is enough to know it is slow. */
    static final int RAW_COUNTRY_ROUNDS = Integer.getInteger("bench.analytics.raw-country-rounds", 1);
    static final int INGEST = Integer.getInteger("bench.analytics.ingest", 20_000);
    static final int LOADERS = Integer.getInteger("bench.analytics.loaders", 2);
    static final int PROBES = 200;
    /**
     * Where the loaded databases are kept, one directory per size. A directory the user PostgreSQL runs
     * as can reach, so that its files stay in it (not in /var/tmp/mcu-platform/, which is shared).
     */
    static final Path DATA = Path.of(System.getProperty("bench.analytics.data", "/var/tmp/mcu-bench"));
    static final String BIG = "barnaul";
    static final String INGEST_TENANT = "tashtagol";
    static final double P95_GOAL_MS = 100;
    static final double RATIO_GOAL = 100;
    static final double FRESHNESS_GOAL_S = 60;
    static final double INGEST_GOAL = 0.90;
    /** At most this many requests a second per person: the gateway allows 20 (burst 60), and a dashboard is not a load test of the limiter. */
    static final long MIN_GAP_NANOS = 60_000_000L;
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Statements at least this long (ms) are logged by PostgreSQL while the API is timed, and summed up in the report. */
    static final int SLOW_MS = 10;

    private final List<String> notes = new ArrayList<>();

    /** What the run has measured so far: the report is written again after each part, so a run stopped midway still leaves its figures. */
    private final class Results {
        Marker marker;
        AnalyticsDataSet data;
        List<Period> periods;
        List<Query> queries = List.of();
        String startCheck;
        String slow;
        Double freshness;
        double[] ingest;
        String ownCheck;

        void write() throws IOException {
            String report = report(this);
            Path out = Path.of("target", "benchmarks", "analytics.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    @Test
    void dashboardsOverTheCountry() throws Exception {
        Path dir = DATA.resolve("analytics-" + MESSAGES);
        Results results = new Results();
        results.marker = Marker.read(dir);
        if (results.marker == null) {
            results.marker = load(dir);
        }
        AnalyticsDataSet data = AnalyticsDataSet.of(MESSAGES, results.marker.loadDay());
        results.data = data;
        results.periods = periods(results.marker.loadDay());
        List<String> onboarded = data.municipalities().stream().filter(AnalyticsDataSet.Municipality::onboarded).map(AnalyticsDataSet.Municipality::slug)
                .toList();
        Path coreLog = dir.resolve("logs").resolve("core-service.log");
        long coreLogStart = size(coreLog);
        long started = System.nanoTime();
        try (Platform platform = Platform.start(new Platform.Options(dir, false, 0, 0, 0, 0, 0, 0, 0))) {
            allowParallelQueries(platform);
            Databases.ServiceDatabase db = Databases.provision(platform.servers().postgres(), platform.servers().secrets(), "core");
            AnalyticsLoad loader = new AnalyticsLoad(db, data, Instant.now());
            List<String> schema = loader.schemaDifferences();
            if (!schema.isEmpty()) {
                notes.add("core-service's analytics tables have changed since the load (" + schema + "): the data-only municipalities lack the new "
                        + "counts; delete " + dir + " to load again.");
            }
            String delayed = System.getenv("MCU_ANALYTICS_CHECK_INITIAL_DELAY");
            if (delayed != null) {
                results.startCheck = "not at the platform's start (MCU_ANALYTICS_CHECK_INITIAL_DELAY=" + delayed + ", as ./mcu bench sets it); "
                        + "timed on its own at the end";
            } else {
                if (withoutFacts(db, List.of(BIG)) == 0) {
                    // Something for its first pass to find, so that its log line says when it is over.
                    loader.addProbes(BIG, PROBES, "start-" + System.currentTimeMillis());
                }
                results.startCheck = awaitTheApplicationsCheck(coreLog, coreLogStart, started);
            }
            if (withoutFacts(db, onboarded) > 0) {
                // Left by a run stopped before its end (messages taken in without the counts, probes): counted the application's way first.
                deriveByTheApplication(platform, db, data);
            }

            results.queries = queries(platform, data, results.periods, db);
            for (Query q : results.queries) {
                if (COMPARE) {
                    q.compare();
                } else {
                    q.comparison = "not compared in this run (-Dbench.analytics.compare=false)";
                }
            }
            comparing = false;
            countryRows.clear();
            results.write();
            // PostgreSQL logs every statement over SLOW_MS while the API is timed: where the time behind it goes.
            Path postgresLog = dir.resolve("logs").resolve("postgres.log");
            long postgresLogStart = size(postgresLog);
            serverSetting(platform, "alter system set log_min_duration_statement = " + SLOW_MS);
            try {
                notes.add("load average (1 min) when the API timings began: " + loadAverage());
                timeTheApi(results.queries);
                notes.add("load average (1 min) when they ended: " + loadAverage() + " (the two cores are shared; above 2, something else ran too)");
            } finally {
                serverSetting(platform, "alter system reset log_min_duration_statement");
            }
            results.slow = slowStatements(postgresLog, postgresLogStart);
            results.write();
            timeTheRaw(results.queries, results);
            results.write();
            results.freshness = freshness(platform, data);
            results.ingest = ingestWithAndWithoutTheCounts(platform, db, data);
            results.write();
            results.ownCheck = timeTheApplicationsCheck(platform, db, data, onboarded);
            results.write();
            if (withoutFacts(db, onboarded) > 0) {
                // What the check did not reach (messages taken in without the counts, its probes) is counted the application's way.
                deriveByTheApplication(platform, db, data);
            }
            if (delayed == null) {
                loader.addProbes(BIG, PROBES, Long.toString(System.currentTimeMillis()));
            }
            System.out.println(report(results));
            if (COMPARE) {
                assertThat(results.queries).allSatisfy(q -> assertThat(q.sameAnswer).as(q.name + ": " + q.comparison).isTrue());
            }
        }
    }

    /**
     * core-service's own check (AnalyticsCheck) over the loaded data, timed: a core-service like the
     * platform's (same jar, same 384 MB heap) whose check starts at once. Each onboarded municipality
     * gets a few probes (messages without facts) first, so that the check says when it has done each.
     */
    private String timeTheApplicationsCheck(Platform platform, Databases.ServiceDatabase db, AnalyticsDataSet data, List<String> onboarded)
            throws Exception {
        AnalyticsLoad loader = new AnalyticsLoad(db, data, Instant.now());
        for (String slug : onboarded) {
            loader.addProbes(slug, 50, "check-" + System.currentTimeMillis());
        }
        int port = Net.freePort();
        Map<String, String> environment = coreEnvironment(platform, db, port);
        environment.put("MCU_ANALYTICS_CHECK_INITIAL_DELAY", "PT1S");
        environment.put("MCU_ANALYTICS_CHECK_EVERY", "PT1000H");
        withoutTheRounds(environment);
        Path log = platform.servers().logDir().resolve("core-service-check.log");
        long from = size(log);
        try (JavaService checking = JavaService.start("core-service-check", Path.of(Platform.artifacts().getProperty("core-service.jar")), port,
                environment, platform.servers().logDir())) {
            checking.awaitReady(Duration.ofMinutes(3));
            long start = System.nanoTime();
            long until = start + Duration.ofMinutes(Long.getLong("bench.analytics.check-wait-minutes", 30)).toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < until) {
                seen.clear();
                java.util.Set<String> done = new java.util.HashSet<>();
                boolean failed = false;
                Matcher m = CHECK_LINE.matcher(tail(log, from));
                while (m.find()) {
                    seen.add(m.group().strip());
                    if (m.group(1) != null) {
                        done.add(m.group(1));
                    } else if (m.group(3) != null) {
                        done.add(m.group(3));
                    } else {
                        failed = true;
                    }
                }
                if (failed || done.containsAll(onboarded)) {
                    return String.format(Locale.ROOT, "%.0f s from its start to its last word: %s", (System.nanoTime() - start) / 1e9,
                            String.join("; ", seen.stream().map(s -> s.length() > 300 ? s.substring(0, 300) + "…" : s).toList()));
                }
                Thread.sleep(1_000);
            }
            return "not done within the wait: " + String.join("; ", seen);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Loading

    /** What a loaded database holds and how long it took, kept beside it. */
    record Marker(long messages, LocalDate loadDay, long written, long loadSeconds, long deriveSeconds, long differing, String machine) {
        static Marker read(Path dir) throws IOException {
            Path file = dir.resolve("analytics-load.properties");
            if (!Files.exists(file)) {
                return null;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            return new Marker(Long.parseLong(p.getProperty("messages")), LocalDate.parse(p.getProperty("load-day")),
                    Long.parseLong(p.getProperty("written")), Long.parseLong(p.getProperty("load-seconds")),
                    Long.parseLong(p.getProperty("derive-seconds")), Long.parseLong(p.getProperty("facts-differing")), p.getProperty("machine"));
        }

        void write(Path dir) throws IOException {
            Properties p = new Properties();
            p.setProperty("messages", Long.toString(messages));
            p.setProperty("load-day", loadDay.toString());
            p.setProperty("written", Long.toString(written));
            p.setProperty("load-seconds", Long.toString(loadSeconds));
            p.setProperty("derive-seconds", Long.toString(deriveSeconds));
            p.setProperty("facts-differing", Long.toString(differing));
            p.setProperty("machine", machine);
            try (OutputStream out = Files.newOutputStream(dir.resolve("analytics-load.properties"))) {
                p.store(out, "The analytics benchmark's data set, loaded; delete this file (or the directory) to load again");
            }
        }
    }

    /**
     * A fresh platform, the data set loaded into it, and the onboarded municipalities' facts derived by
     * core-service; then the statistics, and the marker.
     */
    private Marker load(Path dir) throws Exception {
        Properties started = startedLoad(dir);
        if (started == null) {
            Servers.deleteData(dir);
            started = new Properties();
            started.setProperty("messages", Long.toString(MESSAGES));
            started.setProperty("load-day", LocalDate.now(ZoneId.of("UTC")).toString());
            started.setProperty("now", Instant.now().toString());
            started.setProperty("load-seconds", "0");
        }
        LocalDate loadDay = LocalDate.parse(started.getProperty("load-day"));
        AnalyticsDataSet data = AnalyticsDataSet.of(MESSAGES, loadDay);
        System.out.printf("analytics load: %,d messages in %d municipalities of %d regions into %s%n", MESSAGES, data.municipalities().size(),
                data.regionCount(), dir.toAbsolutePath());
        try (Platform platform = Platform.start(new Platform.Options(dir, false, 0, 0, 0, 0, 0, 0, 0))) {
            long platformUp = System.nanoTime();
            allowParallelQueries(platform);
            // Fewer checkpoints while 20 million messages go in; put back before anything is measured.
            serverSetting(platform, "alter system set max_wal_size = '8GB'");
            Databases.ServiceDatabase db = Databases.provision(platform.servers().postgres(), platform.servers().secrets(), "core");
            // Every message's fate is decided against the same moment, whichever attempt loads it.
            AnalyticsLoad loader = new AnalyticsLoad(db, data, Instant.parse(started.getProperty("now")));
            java.util.Set<String> done;
            try (var superuser = platform.servers().postgres().superuserConnection("core")) {
                done = AnalyticsLoad.loaded(superuser);
            }
            if (!done.isEmpty()) {
                System.out.printf("analytics load: going on from a stopped load, %d municipalities already in%n", done.size());
            }
            long before = Long.parseLong(started.getProperty("load-seconds"));
            long start = System.nanoTime();
            Properties progress = started;
            Runnable keep = () -> {
                progress.setProperty("load-seconds", Long.toString(before + Math.round((System.nanoTime() - start) / 1e9)));
                writeStartedLoad(dir, progress);
            };
            keep.run();
            long written = loader.loadAll(LOADERS, done, keep);
            keep.run();
            long loadSeconds = Long.parseLong(started.getProperty("load-seconds"));
            System.out.printf("analytics load: %,d messages written in this attempt; %d s of loading in all%n", written, loadSeconds);

            // The platform's own check runs once, two minutes after core-service starts; only then may another derive beside it.
            sleepUntil(platformUp + Duration.ofSeconds(150).toNanos());
            long deriveStart = System.nanoTime();
            deriveByTheApplication(platform, db, data);
            long deriveSeconds = Math.round((System.nanoTime() - deriveStart) / 1e9);
            long differing = loader.factsDifferingFromTheApplication(BIG);
            System.out.printf("analytics load: core-service derived the onboarded municipalities' facts in %d s; the loader's derivation of %s's "
                    + "messages differs from the application's in %d facts%n", deriveSeconds, BIG, differing);
            loader.vacuum();
            serverSetting(platform, "alter system reset max_wal_size");
            loader.addProbes(BIG, PROBES, "load");
            long messages;
            try (var superuser = platform.servers().postgres().superuserConnection("core"); var s = superuser.createStatement();
                 var rs = s.executeQuery("select count(*) from message where created_by = '" + AnalyticsLoad.CREATED_BY + "'")) {
                rs.next();
                messages = rs.getLong(1);
            }
            Marker marker = new Marker(MESSAGES, loadDay, messages, loadSeconds, deriveSeconds, differing, machine());
            marker.write(dir);
            Files.deleteIfExists(dir.resolve("analytics-load.started"));
            return marker;
        }
    }

    /** A load begun and not finished (stopped, or its machine needed elsewhere): when it began and how long it has loaded so far. */
    private static Properties startedLoad(Path dir) throws IOException {
        Path file = dir.resolve("analytics-load.started");
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return Long.parseLong(p.getProperty("messages")) == MESSAGES ? p : null;
    }

    private static void writeStartedLoad(Path dir, Properties p) {
        try (OutputStream out = Files.newOutputStream(dir.resolve("analytics-load.started"))) {
            p.store(out, "An analytics load under way: run the benchmark again to go on with it");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A core-service of the same jar with a larger heap, whose check starts at once: it derives the facts of
     * every onboarded message that has none, batch by batch, as it would after an upgrade. Done when none is left.
     */
    private void deriveByTheApplication(Platform platform, Databases.ServiceDatabase db, AnalyticsDataSet data) throws Exception {
        int port = Net.freePort();
        Map<String, String> environment = coreEnvironment(platform, db, port);
        environment.put("MCU_ANALYTICS_CHECK_INITIAL_DELAY", "PT5S");
        environment.put("MCU_ANALYTICS_CHECK_EVERY", "PT1000H");
        withoutTheRounds(environment);
        Path jar = Path.of(Platform.artifacts().getProperty("core-service.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ManagedProcess helper = ManagedProcess.start("core-service (deriving facts)", List.of(java, "-Xmx3g", "-Dfile.encoding=UTF-8", "-jar",
                jar.toString()), environment, jar.getParent(), platform.servers().logDir().resolve("core-service-deriving.log"))) {
            helper.awaitReady(Duration.ofMinutes(3), () -> Net.answersOk("http://" + Net.LOOPBACK + ":" + port + "/actuator/health/readiness"));
            List<String> onboarded = data.municipalities().stream().filter(AnalyticsDataSet.Municipality::onboarded)
                    .map(AnalyticsDataSet.Municipality::slug).toList();
            long until = System.nanoTime() + Duration.ofHours(3).toNanos();
            for (long left = withoutFacts(db, onboarded); left > 0; left = withoutFacts(db, onboarded)) {
                assertThat(System.nanoTime()).as("core-service derived every onboarded message's facts within 3 hours").isLessThan(until);
                assertThat(helper.isAlive()).as("the deriving core-service is running (see core-service-deriving.log)").isTrue();
                System.out.printf("analytics load: %,d onboarded messages still without facts%n", left);
                Thread.sleep(20_000);
            }
        }
    }

    private static long withoutFacts(Databases.ServiceDatabase db, List<String> municipalities) throws Exception {
        long left = 0;
        try (var connection = java.sql.DriverManager.getConnection(db.owner().url(), db.owner().username(), db.owner().password())) {
            connection.setAutoCommit(false);
            for (String slug : municipalities) {
                try (var set = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                    set.setString(1, slug);
                    set.execute();
                }
                try (var count = connection.createStatement(); var rs = count.executeQuery(
                        "select count(*) from message m where not exists (select 1 from message_facts f where f.message_id = m.id)")) {
                    rs.next();
                    left += rs.getLong(1);
                }
                connection.commit();
            }
        }
        return left;
    }

    /**
     * The stack's initdb is given {@code --text-search-config=pg_catalog.russian}, which initdb writes as
     * {@code 'pg_catalog.pg_catalog.russian'}: the server starts, but every parallel worker fails to set
     * it («cross-database references are not implemented»), so any query PostgreSQL runs in parallel
     * fails — at this scale the check's reads, VACUUM and the raw baseline do. Until the stack passes
     * {@code russian}, this database gets the value it meant, so that PostgreSQL plans as it would in a
     * correctly set up deployment.
     */
    private static void allowParallelQueries(Platform platform) throws Exception {
        serverSetting(platform, "alter system set default_text_search_config = 'pg_catalog.russian'");
    }

    private static void serverSetting(Platform platform, String statement) throws Exception {
        try (var connection = platform.servers().postgres().superuserConnection("postgres"); var s = connection.createStatement()) {
            s.execute(statement);
            s.execute("select pg_reload_conf()");
        }
    }

    /**
     * A second core-service leaves the platform's minute round (silent satisfaction windows accepted,
     * deadline notices), the report schedule and the outbox's every-second drain to the platform's own:
     * one without the counts must not accept a window, and two rounds at once would only compete.
     */
    private static void withoutTheRounds(Map<String, String> environment) {
        environment.put("MCU_DEADLINE_WATCH_INITIAL_DELAY", "PT1000H");
        environment.put("MCU_REPORTS_SCHEDULE_INITIAL_DELAY", "PT1000H");
        environment.put("MCU_ANALYTICS_OUTBOX_INITIAL_DELAY", "PT1000H");
    }

    /** core-service's variables as the platform sets them (the Helm chart's names), for a second instance beside it. */
    private static Map<String, String> coreEnvironment(Platform platform, Databases.ServiceDatabase db, int port) {
        RedisServer redis = platform.servers().redis();
        Map<String, String> environment = new HashMap<>(Map.of("SERVER_PORT", String.valueOf(port), "MCU_ISSUER_URI", platform.issuer(),
                "SPRING_DATASOURCE_URL", db.app().url(), "SPRING_DATASOURCE_USERNAME", db.app().username(),
                "SPRING_DATASOURCE_PASSWORD", db.app().password(), "SPRING_LIQUIBASE_USER", db.owner().username(),
                "SPRING_LIQUIBASE_PASSWORD", db.owner().password(), "SPRING_DATA_REDIS_HOST", redis.host(),
                "SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()), "SPRING_DATA_REDIS_PASSWORD", redis.password()));
        return environment;
    }

    // ---------------------------------------------------------------------------------------------
    // The application's own check

    private static final Pattern CHECK_LINE = Pattern.compile(
            "Analytics of ([^\\s:]+):? (facts derived[^\\n]*|differ[^\\n]*)|Analytics check of ([^\\s:]+) failed[^\\n]*|OutOfMemoryError[^\\n]*"
                    + "|Unexpected error occurred in scheduled task[^\\n]*");

    /**
     * core-service checks its counts two minutes after it starts (and every six hours): it derives
     * every message's facts of each municipality anew and compares. Over Barnaul that is the heaviest
     * thing the platform does, so the timings wait until it is over (Barnaul's probes make it say so),
     * and the report says what it found and how long it took.
     */
    private String awaitTheApplicationsCheck(Path log, long from, long started) throws Exception {
        long until = started + Duration.ofMinutes(Long.getLong("bench.analytics.check-wait-minutes", 15)).toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < until) {
            String text = tail(log, from);
            Matcher m = CHECK_LINE.matcher(text);
            seen.clear();
            boolean over = false;
            while (m.find()) {
                seen.add(m.group().strip());
                over |= BIG.equals(m.group(1)) || BIG.equals(m.group(3)) || m.group(1) == null && m.group(3) == null;
            }
            if (over) {
                Thread.sleep(30_000); // the smaller municipalities' checks that follow take seconds
                seen.clear();
                Matcher all = CHECK_LINE.matcher(tail(log, from));
                while (all.find()) {
                    seen.add(all.group().strip());
                }
                return String.format(Locale.ROOT, "over %.0f s after the platform's start: %s", (System.nanoTime() - started) / 1e9,
                        String.join("; ", seen.stream().map(s -> s.length() > 300 ? s.substring(0, 300) + "…" : s).toList()));
            }
            Thread.sleep(2_000);
        }
        return "no word from it within the wait (" + String.join("; ", seen) + ")";
    }

    private static String tail(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    // ---------------------------------------------------------------------------------------------
    // The queries

    /** One period the dashboards are read over, and the trend step a person would choose for it. */
    record Period(String name, LocalDate from, LocalDate to, String step) {
        String range() {
            return "from=" + from + "&to=" + to;
        }
    }

    /**
     * The last 30 days (no whole month in them: all from the daily rows), and the last whole month,
     * quarter and year before the load day (all from the monthly rollups).
     */
    static List<Period> periods(LocalDate loadDay) {
        YearMonth last = YearMonth.from(loadDay).minusMonths(1);
        LocalDate end = last.atEndOfMonth();
        return List.of(new Period("30 days", loadDay.minusDays(30), loadDay.minusDays(1), "day"), new Period("month", last.atDay(1), end, "day"),
                new Period("quarter", last.minusMonths(2).atDay(1), end, "week"), new Period("year", last.minusMonths(11).atDay(1), end, "month"));
    }

    /** A raw computation of one query's answer, returning the totals compared with the API's. */
    interface RawAnswer {
        Map<String, Double> totals() throws Exception;
    }

    /** One query: through the API as its reader, and from the raw tables; the totals both give, and every timing. */
    final class Query {
        final String name;
        final Reader reader;
        final String path;
        final Function<JsonNode, Map<String, Double>> apiTotals;
        final RawAnswer raw;
        final int rawRounds;
        final List<Double> api = new ArrayList<>();
        final List<Double> rawTimes;
        boolean sameAnswer;
        String comparison = "";

        Query(String name, Reader reader, String path, Function<JsonNode, Map<String, Double>> apiTotals, RawAnswer raw, int rawRounds) {
            this(name, reader, path, apiTotals, raw, rawRounds, new ArrayList<>());
        }

        private Query(String name, Reader reader, String path, Function<JsonNode, Map<String, Double>> apiTotals, RawAnswer raw, int rawRounds,
                      List<Double> rawTimes) {
            this.name = name;
            this.reader = reader;
            this.path = path;
            this.apiTotals = apiTotals;
            this.raw = raw;
            this.rawRounds = rawRounds;
            this.rawTimes = rawTimes;
        }

        /**
         * Another answer of the API whose raw side is this one's computation (the same rows, summed
         * otherwise): compared on its own, timed raw once with this one.
         */
        Query sameRaw(String name, Reader reader, String path, Function<JsonNode, Map<String, Double>> apiTotals, RawAnswer raw) {
            return new Query(name, reader, path, apiTotals, raw, 0, rawTimes);
        }

        /** The API's totals against the raw ones, computed now (the data does not change until the timings are done). */
        void compare() throws Exception {
            Map<String, Double> fromApi = apiTotals.apply(JSON.readTree(reader.get(path).body()));
            Map<String, Double> fromRaw = raw.totals();
            sameAnswer = fromApi.equals(fromRaw);
            List<String> parts = new ArrayList<>();
            fromApi.forEach((k, v) -> parts.add(k + " " + number(v) + (Math.abs(v - fromRaw.getOrDefault(k, Double.NaN)) < 1e-9 ? ""
                    : " ≠ raw " + number(fromRaw.getOrDefault(k, Double.NaN)))));
            comparison = String.join(", ", parts);
        }
    }

    /** A person logged in through the gateway, whose requests are spaced as the gateway's limit per person allows. */
    static final class Reader {
        final String login;
        final BrowserSession session;
        private long last;

        Reader(Platform platform, String login, String password) {
            this.login = login;
            this.session = new BrowserSession(URI.create(platform.gatewayUrl()));
            session.logIn(login, password);
        }

        BrowserSession.Page get(String path) throws InterruptedException {
            long wait = last + MIN_GAP_NANOS - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            for (int attempt = 0; ; attempt++) {
                last = System.nanoTime();
                BrowserSession.Page page = session.call("GET", path, null);
                if (page.status() == 429 && attempt < 5) {
                    Thread.sleep(1_000);
                    continue;
                }
                assertThat(page.status()).as(login + " " + path + ": " + page.body()).isEqualTo(200);
                return page;
            }
        }

        /** Milliseconds for one request, as the person waits for it. */
        double time(String path) throws InterruptedException {
            long wait = last + MIN_GAP_NANOS - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long start = System.nanoTime();
            last = start;
            BrowserSession.Page page = session.call("GET", path, null);
            double ms = (System.nanoTime() - start) / 1e6;
            if (page.status() == 429) {
                Thread.sleep(1_000);
                return time(path);
            }
            assertThat(page.status()).as(login + " " + path + ": " + page.body()).isEqualTo(200);
            return ms;
        }
    }

    private List<Query> queries(Platform platform, AnalyticsDataSet data, List<Period> periods, Databases.ServiceDatabase db) throws Exception {
        Reader head = new Reader(platform, BIG + "-head", "demo");
        Reader analyst = new Reader(platform, "analyst-kuzbass", "analyst");
        Reader methodologist = new Reader(platform, "methodologist", "methodologist");
        AnalyticsRaw raw = new AnalyticsRaw(db);
        AnalyticsDataSet.Municipality big = data.municipality(BIG);
        String ratedBy = ratedSubject();
        List<Query> queries = new ArrayList<>();
        for (Period p : periods) {
            String period = p.name();
            LocalDate from = p.from();
            LocalDate to = p.to();
            String range = p.range();
            queries.add(new Query("summary, " + period + " (trend by " + p.step() + ")", head, "/api/analytics/summary?" + range + "&trend=" + p.step(),
                    json -> totals("received", json.path("current").path("received").asDouble(), "answered",
                            json.path("current").path("answered").asDouble(), "on time", json.path("current").path("answeredOnTime").asDouble(),
                            "previous received", json.path("previous").path("received").asDouble()),
                    () -> {
                        Map<String, double[]> rows = byPart(raw.summary(big, from, to, p.step()));
                        return totals("received", rows.get("current|")[0], "answered", rows.get("current|")[1], "on time", rows.get("current|")[2],
                                "previous received", rows.get("previous|")[0]);
                    }, RAW_ROUNDS));
            queries.add(new Query("ratings, " + period, head, "/api/analytics/ratings?" + range,
                    json -> {
                        double received = 0;
                        double places = 0;
                        for (JsonNode rating : json) {
                            if (rating.path("subject").asString().equals(ratedBy) && rating.path("notComputed").isNull()) {
                                for (JsonNode place : rating.path("places")) {
                                    received += place.path("received").asDouble();
                                    places++;
                                }
                            }
                        }
                        return totals("received by " + ratedBy, received, "subjects", places);
                    },
                    () -> {
                        double received = 0;
                        java.util.Set<String> subjects = new java.util.HashSet<>();
                        for (AnalyticsRaw.Row row : raw.ratings(big, ratedBy, from, to)) {
                            received += row.part().equals("cohort") ? row.values()[0] : 0;
                            subjects.add(row.code());
                        }
                        return totals("received by " + ratedBy, received, "subjects", subjects.size());
                    }, RAW_ROUNDS));
            queries.add(new Query("heat map, " + period, head, "/api/analytics/heatmap?" + range,
                    json -> {
                        double received = 0;
                        for (JsonNode cell : json.path("cells")) {
                            received += cell.path("received").asDouble();
                        }
                        return totals("received", received, "cells", json.path("cells").size());
                    },
                    () -> {
                        List<AnalyticsRaw.Row> rows = raw.heatMap(big, from, to);
                        return totals("received", rows.stream().mapToDouble(r -> r.values()[0]).sum(), "cells", rows.size());
                    }, RAW_ROUNDS));
            queries.add(new Query("map, " + period, head, "/api/analytics/places?" + range,
                    json -> totals("received", json.path("received").asDouble(), "located", json.path("located").asDouble()),
                    () -> {
                        Map<String, double[]> rows = byPart(raw.places(big, from, to));
                        return totals("received", rows.get("total|")[0], "located", rows.get("total|")[1]);
                    }, RAW_ROUNDS));
            queries.add(new Query("workload, " + period, head, "/api/analytics/workload?" + range,
                    json -> {
                        double answered = 0;
                        for (JsonNode load : json.path("byBlock")) {
                            answered += load.path("answered").asDouble();
                        }
                        double byExecutor = 0;
                        for (JsonNode load : json.path("byExecutor")) {
                            byExecutor += load.path("answered").asDouble();
                        }
                        return totals("answered", answered, "answered by executor", byExecutor);
                    },
                    () -> {
                        Map<String, Double> sums = new HashMap<>();
                        for (AnalyticsRaw.Row row : raw.workload(big, from, to)) {
                            sums.merge(row.part(), row.values()[0], Double::sum);
                        }
                        return totals("answered", sums.getOrDefault("answered-block", 0.0),
                                "answered by executor", sums.getOrDefault("answered-executor", 0.0));
                    }, RAW_ROUNDS));
        }
        for (Period p : periods) {
            queries.add(new Query("region 42 (analyst), " + p.name(), analyst, "/api/regional/comparison?" + p.range(), json -> regionalTotals(json, data),
                    () -> rawRegionalTotals(raw.regional(data.inRegion("42"), p.from(), p.to())), RAW_ROUNDS));
        }
        AnalyticsDataSet.Municipality kuzbass = data.municipality(INGEST_TENANT);
        for (Period p : periods) {
            queries.add(new Query(kuzbass.slug() + "'s categories by month (analyst), " + p.name(), analyst,
                    "/api/regional/municipalities/" + kuzbass.slug() + "/categories?" + p.range(),
                    json -> {
                        double received = 0;
                        for (JsonNode month : json.path("months")) {
                            received += month.path("received").asDouble();
                        }
                        return totals("received", received, "months × categories", json.path("months").size());
                    },
                    () -> {
                        List<AnalyticsRaw.Row> rows = raw.categories(kuzbass, p.from(), p.to());
                        return totals("received", rows.stream().mapToDouble(r -> r.values()[0]).sum(), "months × categories", rows.size());
                    }, RAW_ROUNDS));
        }
        for (Period p : periods) {
            Query all = new Query("all regions (methodologist), " + p.name(), methodologist, "/api/regional/comparison?" + p.range(),
                    json -> regionalTotals(json, data), () -> rawRegionalTotals(countryRaw(raw, data, p)), RAW_COUNTRY_ROUNDS);
            queries.add(all);
            queries.add(all.sameRaw("the regions side by side (methodologist), " + p.name(), methodologist, "/api/regional/regions?" + p.range(),
                    json -> {
                        double received = 0;
                        double answered = 0;
                        double onTime = 0;
                        double municipalities = 0;
                        for (JsonNode region : json.path("regions")) {
                            received += region.path("current").path("received").asDouble();
                            answered += region.path("current").path("answered").asDouble();
                            onTime += region.path("current").path("onTimeShare").isNull() ? 0 : 1;
                            municipalities += region.path("municipalities").asDouble();
                        }
                        return totals("regions", json.path("regions").size(), "municipalities", municipalities, "received", received,
                                "answered", answered, "regions with a share on time", onTime);
                    },
                    () -> rawRegionsTotals(countryRaw(raw, data, p), data)));
        }
        return queries;
    }

    /** The subject of Barnaul's first rating the platform computes (its recipients). */
    private static String ratedSubject() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ratings = (List<Map<String, Object>>) ShippedTemplate.load(BIG).get("ratings");
        return ratings.stream().map(r -> (String) r.get("subject")).filter(s -> s.equals("recipient") || s.equals("block")).findFirst().orElseThrow();
    }

    private static Map<String, Double> regionalTotals(JsonNode json, AnalyticsDataSet data) {
        java.util.Set<String> known = new java.util.HashSet<>(data.municipalities().stream().map(AnalyticsDataSet.Municipality::slug).toList());
        double received = 0;
        double answered = 0;
        double onTime = 0;
        double municipalities = 0;
        for (JsonNode m : json.path("municipalities")) {
            if (known.contains(m.path("slug").asString())) {
                received += m.path("current").path("received").asDouble();
                answered += m.path("current").path("answered").asDouble();
                Double share = m.path("current").path("onTimeShare").isNull() ? null : m.path("current").path("onTimeShare").asDouble();
                onTime += share == null ? 0 : 1;
                municipalities++;
            }
        }
        return totals("municipalities", municipalities, "received", received, "answered", answered, "with a share on time", onTime);
    }

    /**
     * The country's raw rows of a period: while the answers are compared, computed once for the two
     * queries that need them (each takes minutes at 20 million messages); when timed, every time.
     */
    private Map<String, List<AnalyticsRaw.Row>> countryRaw(AnalyticsRaw raw, AnalyticsDataSet data, Period p) throws Exception {
        if (!comparing) {
            return raw.regional(data.municipalities(), p.from(), p.to());
        }
        Map<String, List<AnalyticsRaw.Row>> rows = countryRows.get(p.name());
        if (rows == null) {
            rows = raw.regional(data.municipalities(), p.from(), p.to());
            countryRows.put(p.name(), rows);
        }
        return rows;
    }

    private boolean comparing = true;
    private final Map<String, Map<String, List<AnalyticsRaw.Row>>> countryRows = new HashMap<>();

    /** The regions' totals from the municipalities' raw rows, as the API's regions view sums them. */
    private static Map<String, Double> rawRegionsTotals(Map<String, List<AnalyticsRaw.Row>> perMunicipality, AnalyticsDataSet data) {
        Map<String, String> regionOf = new HashMap<>();
        data.municipalities().forEach(m -> regionOf.put(m.slug(), m.region()));
        Map<String, double[]> regions = new java.util.TreeMap<>();
        double municipalities = 0;
        for (Map.Entry<String, List<AnalyticsRaw.Row>> entry : perMunicipality.entrySet()) {
            Map<String, double[]> parts = byPart(entry.getValue());
            double[] now = parts.get("current|");
            if (nonZero(now) || nonZero(parts.get("previous|"))) {
                municipalities++;
                // received, answered, answered on time + late
                double[] sums = regions.computeIfAbsent(regionOf.get(entry.getKey()), r -> new double[3]);
                if (now != null) {
                    sums[0] += now[0];
                    sums[1] += now[1];
                    sums[2] += now[2] + now[3];
                }
            }
        }
        return totals("regions", regions.size(), "municipalities", municipalities, "received", regions.values().stream().mapToDouble(v -> v[0]).sum(),
                "answered", regions.values().stream().mapToDouble(v -> v[1]).sum(), "regions with a share on time",
                regions.values().stream().filter(v -> v[2] > 0).count());
    }

    private static Map<String, Double> rawRegionalTotals(Map<String, List<AnalyticsRaw.Row>> perMunicipality) {
        double received = 0;
        double answered = 0;
        double onTime = 0;
        double municipalities = 0;
        for (List<AnalyticsRaw.Row> rows : perMunicipality.values()) {
            Map<String, double[]> parts = byPart(rows);
            double[] now = parts.get("current|");
            double[] before = parts.get("previous|");
            boolean any = nonZero(now) || nonZero(before);
            if (any) {
                municipalities++;
                received += now[0];
                answered += now[1];
                onTime += now[2] + now[3] > 0 ? 1 : 0;
            }
        }
        return totals("municipalities", municipalities, "received", received, "answered", answered, "with a share on time", onTime);
    }

    private static boolean nonZero(double[] values) {
        return values != null && java.util.Arrays.stream(values).anyMatch(v -> v != 0);
    }

    private static Map<String, double[]> byPart(List<AnalyticsRaw.Row> rows) {
        Map<String, double[]> parts = new HashMap<>();
        rows.forEach(r -> parts.put(r.part() + "|" + (r.code() == null ? "" : r.code()), r.values()));
        return parts;
    }

    private static Map<String, Double> totals(Object... namesAndValues) {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            totals.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return totals;
    }

    /** Warm-up rounds, then rounds of every query in turn, so that a slow moment of the machine spreads over all of them. */
    private void timeTheApi(List<Query> queries) throws Exception {
        for (int round = 0; round < WARM_UP; round++) {
            for (Query q : queries) {
                q.reader.time(q.path);
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (Query q : queries) {
                q.api.add(q.reader.time(q.path));
            }
        }
    }

    /**
     * The raw answers, one warm-up each (the country's once for all three periods), then their rounds;
     * the report is written after each round (at 20 million messages a round takes many minutes).
     */
    private void timeTheRaw(List<Query> queries, Results results) throws Exception {
        boolean countryWarm = false;
        for (Query q : queries) {
            if (q.rawRounds == 0) {
                continue; // timed with the query whose computation it shares
            }
            boolean country = q.rawRounds == RAW_COUNTRY_ROUNDS && q.name.startsWith("all regions");
            if (!country || !countryWarm) {
                q.raw.totals();
                countryWarm |= country;
            }
        }
        int rounds = queries.stream().mapToInt(q -> q.rawRounds).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (Query q : queries) {
                if (round < q.rawRounds) {
                    long start = System.nanoTime();
                    q.raw.totals();
                    q.rawTimes.add((System.nanoTime() - start) / 1e6);
                }
            }
            results.write();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Freshness and ingest

    /** A message through the machine API, and the seconds until the dashboard of its day counts it. */
    private double freshness(Platform platform, AnalyticsDataSet data) throws Exception {
        BrowserSession operator = new BrowserSession(URI.create(platform.gatewayUrl()));
        operator.logIn("operator", "operator");
        AnalyticsIntake connector = AnalyticsIntake.issue(platform, operator, BIG, "im");
        Reader head = new Reader(platform, BIG + "-head", "demo");
        LocalDate today = LocalDate.now(ZoneId.of(data.municipality(BIG).zone()));
        String path = "/api/analytics/summary?from=" + today + "&to=" + today + "&trend=day";
        long before = JSON.readTree(head.get(path).body()).path("current").path("received").asLong();
        connector.warmUp();
        long start = System.nanoTime();
        HttpResponse<String> posted = connector.postOne(platform.coreUrl(), 0);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        while (JSON.readTree(head.get(path).body()).path("current").path("received").asLong() == before) {
            assertThat(System.nanoTime() - start).as("the new message counted within 5 minutes").isLessThan(Duration.ofMinutes(5).toNanos());
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Batches through the machine API into one municipality, alternating between the platform's
     * core-service (counts kept) and a second one of the same jar with MCU_ANALYTICS_UPKEEP=false:
     * on, off, off, on, so that drift of the shared machine falls on both. With the counts kept,
     * intake queues the messages and core-service's worker counts them right after (the outbox): the
     * time until the queue is empty again is counted too, so that the next stretch does not pay for
     * it and "with" means taken in and counted. Returns {with, with as the connector sees it, without}.
     */
    private double[] ingestWithAndWithoutTheCounts(Platform platform, Databases.ServiceDatabase db, AnalyticsDataSet data) throws Exception {
        BrowserSession operator = new BrowserSession(URI.create(platform.gatewayUrl()));
        operator.logIn("operator", "operator");
        AnalyticsIntake connector = AnalyticsIntake.issue(platform, operator, INGEST_TENANT, "im");
        int port = Net.freePort();
        Map<String, String> environment = coreEnvironment(platform, db, port);
        environment.put("MCU_ANALYTICS_UPKEEP", "false");
        environment.put("MCU_ANALYTICS_CHECK_INITIAL_DELAY", "PT1000H"); // this one only takes messages in
        withoutTheRounds(environment);
        try (JavaService without = JavaService.start("core-service-without-counts", Path.of(Platform.artifacts().getProperty("core-service.jar")),
                port, environment, platform.servers().logDir())) {
            without.awaitReady(Duration.ofMinutes(3));
            String on = platform.coreUrl();
            String off = "http://" + Net.LOOPBACK + ":" + port;
            connector.postBatches(on, 2_000, 0);
            awaitOutboxEmpty(db, INGEST_TENANT);
            connector.postBatches(off, 2_000, 0);
            double posting = 0;
            double counting = 0;
            double without0 = 0;
            int half = Math.max(AnalyticsIntake.BATCH, INGEST / 2);
            for (String core : new String[] {on, off, off, on}) {
                double seconds = half / connector.postBatches(core, half, 0);
                if (core.equals(on)) {
                    posting += seconds;
                    counting += seconds + awaitOutboxEmpty(db, INGEST_TENANT);
                } else {
                    without0 += seconds;
                }
            }
            int inEach = 2 * half;
            return new double[] {inEach / counting, inEach / posting, inEach / without0};
        }
    }

    /** Seconds until the municipality's analytics outbox is empty. */
    private static double awaitOutboxEmpty(Databases.ServiceDatabase db, String tenant) throws Exception {
        long start = System.nanoTime();
        try (var connection = java.sql.DriverManager.getConnection(db.owner().url(), db.owner().username(), db.owner().password())) {
            connection.setAutoCommit(false);
            while (true) {
                try (var set = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                    set.setString(1, tenant);
                    set.execute();
                }
                long queued;
                try (var count = connection.createStatement(); var rs = count.executeQuery("select count(*) from analytics_outbox")) {
                    rs.next();
                    queued = rs.getLong(1);
                }
                connection.commit();
                if (queued == 0) {
                    return (System.nanoTime() - start) / 1e9;
                }
                assertThat(System.nanoTime() - start).as("the outbox of " + tenant + " emptied within 10 minutes").isLessThan(Duration.ofMinutes(10).toNanos());
                Thread.sleep(50);
            }
        }
    }

    private static final Pattern SLOW = Pattern.compile("LOG:  duration: ([0-9.]+) ms  (?:statement|execute [^:]*): (.*)");
    /** What core-service reads; Keycloak's own statements (same server) are left out. */
    private static final Pattern OURS = Pattern.compile("message|analytics_|regional_|facts|deadline|category_territory|answer_histogram");

    /** The statements PostgreSQL logged as slow since {@code from}, grouped by their text: how often, how long in all and at most. */
    private static String slowStatements(Path log, long from) throws IOException {
        Map<String, double[]> byText = new LinkedHashMap<>();
        String[] lines = tail(log, from).split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = SLOW.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            StringBuilder text = new StringBuilder(m.group(2));
            while (i + 1 < lines.length && lines[i + 1].startsWith("\t")) {
                text.append(' ').append(lines[++i].strip());
            }
            String statement = text.toString().replaceAll("\\s+", " ").strip();
            if (!OURS.matcher(statement).find()) {
                continue;
            }
            double ms = Double.parseDouble(m.group(1));
            double[] agg = byText.computeIfAbsent(statement.length() > 220 ? statement.substring(0, 220) + "…" : statement, k -> new double[3]);
            agg[0]++;
            agg[1] += ms;
            agg[2] = Math.max(agg[2], ms);
        }
        List<String> out = new ArrayList<>();
        out.add("Statements of core-service's over " + SLOW_MS + " ms while the API was timed (PostgreSQL's log), most time first:");
        out.add("");
        out.add("| times | total | mean | max | statement |");
        out.add("| --- | --- | --- | --- | --- |");
        byText.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1])).limit(25).forEach(e -> out.add(String.format(
                Locale.ROOT, "| %.0f | %.0f ms | %.1f ms | %.1f ms | `%s` |", e.getValue()[0], e.getValue()[1], e.getValue()[1] / e.getValue()[0],
                e.getValue()[2], e.getKey().replace("|", "\\|"))));
        return String.join("\n", out);
    }

    // ---------------------------------------------------------------------------------------------
    // The report

    /** The report of what is measured so far (parts not reached yet are said to be so). */
    private String report(Results r) {
        Marker marker = r.marker;
        AnalyticsDataSet data = r.data;
        List<String> lines = new ArrayList<>();
        AnalyticsDataSet.Municipality big = data.municipality(BIG);
        lines.add("Analytics benchmark, " + LocalDate.now() + ", " + machine() + ", core-service " + coreVersion());
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Data: %,d messages (%,d written) in %,d municipalities of %d regions, %s – %s, loaded on %s in %,d s "
                        + "(SQL) + %,d s (core-service deriving the onboarded municipalities' facts); the loader's facts of %s's messages differ "
                        + "from the application's in %d. %s: %,d messages; region 42: %d municipalities, %,d messages; region 22: %d, %,d.",
                marker.messages(), marker.written(), data.municipalities().size(), data.regionCount(), data.firstDay(), data.lastDay(), marker.loadDay(),
                marker.loadSeconds(), marker.deriveSeconds(), BIG, marker.differing(), BIG, big.messages(), data.inRegion("42").size(),
                data.inRegion("42").stream().mapToLong(AnalyticsDataSet.Municipality::messages).sum(), data.inRegion("22").size(),
                data.inRegion("22").stream().mapToLong(AnalyticsDataSet.Municipality::messages).sum()));
        long[] sizes = data.municipalities().stream().mapToLong(AnalyticsDataSet.Municipality::messages).sorted().toArray();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Skew: the five largest municipalities %s messages; median %,d; smallest %,d; the largest 100 hold %.0f %%.",
                String.join(", ", java.util.stream.LongStream.of(sizes).skip(sizes.length - 5).boxed().sorted(java.util.Comparator.reverseOrder())
                        .map(n -> String.format(Locale.ROOT, "%,d", n)).toList()), sizes[sizes.length / 2], sizes[0],
                100.0 * java.util.stream.LongStream.of(sizes).skip(sizes.length - 100).sum() / java.util.stream.LongStream.of(sizes).sum()));
        lines.add("");
        lines.add("Periods: " + String.join(", ", r.periods.stream().map(p -> p.name() + " " + p.from() + " – " + p.to()).toList())
                + " (each against the as long period before it, as the API compares).");
        lines.add("");
        lines.add("core-service's own check (AnalyticsCheck) at the platform's start: " + r.startCheck);
        lines.add("");
        lines.add("| query | API p50 | API p95 | API max | raw p50 | raw max | ratio raw/API (p50) | p95 ≤ " + (int) P95_GOAL_MS + " ms | ratio ≥ "
                + (int) RATIO_GOAL + "× | same totals |");
        lines.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Query q : r.queries) {
            double[] api = sorted(q.api);
            double[] raw = sorted(q.rawTimes);
            String apiCells = api.length == 0 ? "… | … | …" : String.format(Locale.ROOT, "%.1f ms | %.1f ms | %.1f ms", percentile(api, 0.5),
                    percentile(api, 0.95), api[api.length - 1]);
            String rawCells = raw.length == 0 ? "… | …" : ms(percentile(raw, 0.5)) + " | " + ms(raw[raw.length - 1]);
            double ratio = api.length == 0 || raw.length == 0 ? Double.NaN : percentile(raw, 0.5) / percentile(api, 0.5);
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", q.name, apiCells, rawCells,
                    Double.isNaN(ratio) ? "…" : String.format(Locale.ROOT, "%.0f×", ratio),
                    api.length == 0 ? "…" : percentile(api, 0.95) <= P95_GOAL_MS ? "yes" : "**no**",
                    Double.isNaN(ratio) ? "…" : ratio >= RATIO_GOAL ? "yes" : "**no**", !COMPARE ? "not compared" : q.sameAnswer ? "yes" : "**no**"));
        }
        lines.add("");
        lines.add("API: " + WARM_UP + " warm-up rounds, then " + ROUNDS + " rounds of every query in turn, each request timed from send to the "
                + "whole answer, at most one request per person every " + MIN_GAP_NANOS / 1_000_000 + " ms. Raw: one warm-up, then " + RAW_ROUNDS
                + " rounds (" + RAW_COUNTRY_ROUNDS + " for all regions; the regions side by side are the same raw computation, summed by "
                + "region, and share its timings). … : not measured yet.");
        lines.add("");
        lines.add("Totals compared (API = raw):");
        for (Query q : r.queries) {
            lines.add("- " + q.name + ": " + q.comparison);
        }
        lines.add("");
        lines.add("| measure | value | goal | met |");
        lines.add("| --- | --- | --- | --- |");
        if (r.freshness != null) {
            lines.add(String.format(Locale.ROOT, "| freshness: a message through the machine API until %s's dashboard counts it | %.2f s | ≤ %.0f s | %s |",
                    BIG, r.freshness, FRESHNESS_GOAL_S, r.freshness <= FRESHNESS_GOAL_S ? "yes" : "**no**"));
        }
        if (r.ingest != null) {
            double[] ingest = r.ingest;
            lines.add(String.format(Locale.ROOT, "| ingest with the counts kept, until counted (batches of %d, %,d messages; the outbox emptied) | %,.0f msg/s | | |%n"
                            + "| ingest with the counts kept, as the connector sees it (answers to its batches) | %,.0f msg/s | | |%n"
                            + "| ingest without them (MCU_ANALYTICS_UPKEEP=false, same batches) | %,.0f msg/s | | |%n"
                            + "| **ratio with (until counted) / without** | **%.1f %%** | ≥ %.0f %% | %s |%n"
                            + "| ratio with (as the connector sees it) / without | %.1f %% | | |",
                    AnalyticsIntake.BATCH, 2 * Math.max(AnalyticsIntake.BATCH, INGEST / 2), ingest[0], ingest[1], ingest[2], ingest[0] / ingest[2] * 100,
                    INGEST_GOAL * 100, ingest[0] / ingest[2] >= INGEST_GOAL ? "yes" : "**no**", ingest[1] / ingest[2] * 100));
        }
        lines.add("");
        lines.add("core-service's own check over this data, timed on its own (a core-service with the platform's 384 MB heap): "
                + (r.ownCheck == null ? "…" : r.ownCheck));
        lines.add("");
        lines.add(r.slow == null ? "" : r.slow);
        lines.add("");
        notes.forEach(n -> lines.add("- " + n));
        return String.join("\n", lines) + "\n";
    }

    /** Which build of core-service the platform runs (its jar's time), so that figures can be matched to a commit. */
    private static String coreVersion() {
        try {
            Path jar = Path.of(Platform.artifacts().getProperty("core-service.jar"));
            return jar.getFileName() + " of " + Files.getLastModifiedTime(jar).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String ms(double value) {
        return value >= 10_000 ? String.format(Locale.ROOT, "%.1f s", value / 1000) : String.format(Locale.ROOT, "%.0f ms", value);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + ManagementFactory.getOperatingSystemMXBean().getArch() + ", "
                + Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1e9)
                + " GB, Java " + Runtime.version();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }
}
