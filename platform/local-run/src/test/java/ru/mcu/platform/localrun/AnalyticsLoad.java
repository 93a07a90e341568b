package ru.mcu.platform.localrun;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import ru.mcu.platform.stack.Databases;

/**
 * Loads the data set straight into core-service's database as the tables' owner, one municipality
 * per transaction with its tenant set (row-level security is forced on the owner too), all set-based:
 * messages and their deadlines drawn by generate_series with the skew described below, then the
 * analytics the application keeps, derived from those rows the way core-service's {@code Facts} does
 * (its DERIVE query, day and minutes as {@code Facts.derived} computes them, the daily and regional
 * counts as {@code Facts.contribute} adds them up).
 * <p>
 * Skew: per day a weight for the weekday (Saturday 0.55, Sunday 0.45), the season (winter peak,
 * ±20 %) and growth over the three years (0.7 → 1.3); arrivals mostly 07:00–22:00 in the
 * municipality's zone; channels, topics, territories and executors weighted 1/k^s (see
 * {@link AnalyticsProfile}). A first reply after ~25 min (log-normal), the answer after ~1.4 days,
 * 4 % urgent, 3 % closed without an answer, 72 % of answers «решено»; messages answered more than two
 * days ago are closed, the rest are the backlog.
 * <p>
 * Probes: messages inserted with their deadlines but without facts, which core-service's own check
 * ({@code AnalyticsCheck}, two minutes after it starts) finds, derives the ordinary way, and then
 * compares the municipality's whole daily counts with — so its log line says whether the counts
 * loaded here are what the application itself would keep.
 */
final class AnalyticsLoad {
    static final String CREATED_BY = "bench-load";
    private static final String[] PHRASES = {
            "Не вывезен мусор во дворе дома", "Яма на проезжей части у дома", "Нет отопления в квартирах дома", "Не горят фонари у дома",
            "Не убран снег во дворе дома", "Протекает крыша дома", "Нет горячей воды в доме", "Сломана детская площадка у дома",
            "Не работает лифт в доме", "Затопило подвал дома", "Бездомные собаки во дворе дома", "Не ходит автобус до остановки у дома",
            "Переполнены контейнеры у дома", "Разбит тротуар у дома", "Шум по ночам в доме", "Не вывезены ветки после обрезки у дома",
            "Гололёд на тротуаре у дома", "Нет воды в доме", "Открытый люк у дома", "Не скошена трава у дома",
            "Не работает светофор у дома", "Прорыв трубы у дома", "Свалка мусора за домом", "Не очищена крыша от сосулек у дома"};

    /** Every message drawn for one municipality, before it is written: the random draws and what follows from them at :now. */
    private static final String STAGE = """
            create temp table if not exists bench_stage (
                id uuid, seq bigint, received_at timestamptz, c int, t int, r int, e int,
                reply_at timestamptz, taken_at timestamptz, answer_at timestamptz, answer_due timestamptz,
                urgent boolean, dropped boolean, resolved boolean, accept boolean, phrase int, house int,
                answered boolean, taken boolean, final boolean, closed_at timestamptz, latitude float8, longitude float8
            ) on commit delete rows""";

    private static final AnalyticsSql DRAW = new AnalyticsSql("""
            insert into bench_stage
            with days as (
                select d::date as day,
                       (case extract(isodow from d) when 6 then 0.55 when 7 then 0.45 else 1.0 end)
                         * (1 + 0.2 * cos(2 * pi() * (extract(doy from d) - 20) / 365.25))
                         * (0.7 + 0.6 * (d::date - :first::date) / greatest(1, :last::date - :first::date)::float8) as w
                from generate_series(:first::date, :last::date, interval '1 day') d),
            counts as (select day, floor(:n::float8 * w / sum(w) over () + random())::int as k from days),
            drawn as (
                select (day + make_interval(secs => case when random() < 0.08 then random() * 86400 else 25200 + random() * 54000 end))::timestamp
                           at time zone :zone::text as received_at,
                       width_bucket(random(), :channelBounds::float8[]) as c,
                       width_bucket(random(), :topicBounds::float8[]) as t,
                       width_bucket(random(), :territoryBounds::float8[]) as r,
                       width_bucket(random(), :executorBounds::float8[]) as e,
                       exp(ln(25) + random_normal()) as reply_minutes,
                       exp(ln(2000) + 0.9 * random_normal()) as answer_minutes,
                       random() < 0.03 as dropped, random() < 0.04 as urgent, 3 + floor(random() * 8)::int as due_days,
                       random() < 0.72 as resolved, random() < 0.93 as accept, floor(random() * 24)::int as phrase,
                       1 + floor(random() * 250)::int as house,
                       case when random() < 0.4 then :latitude + 0.08 * random_normal() end as latitude,
                       case when random() < 0.4 then :longitude + 0.12 * random_normal() end as longitude
                from counts cross join generate_series(1, counts.k)),
            timed as (
                select *, received_at + reply_minutes * interval '1 minute' as reply_at,
                       received_at + least(reply_minutes, 90) * interval '1 minute' as taken_at,
                       received_at + greatest(answer_minutes, reply_minutes + 5) * interval '1 minute' as answer_at
                from drawn),
            judged as (
                select *, taken_at + case when urgent then interval '1 day' else due_days * interval '1 day' end as answer_due,
                       not dropped and answer_at < :now as answered,
                       taken_at < :now and (not dropped or taken_at < received_at + interval '1 day') as taken,
                       case when dropped then received_at + interval '1 day' else answer_at + interval '2 days' end as closing
                from timed)
            select gen_random_uuid(), row_number() over (order by received_at), received_at, c, t, r, e, reply_at, taken_at, answer_at, answer_due,
                   urgent, dropped, resolved, accept, phrase, house,
                   answered, taken, (dropped or answered) and closing < :now, case when (dropped or answered) and closing < :now then closing end,
                   case when longitude is not null then latitude end, case when latitude is not null then longitude end
            from judged order by received_at""");

    private static final AnalyticsSql MESSAGES = new AnalyticsSql("""
            insert into message (tenant_id, id, text, created_at, created_by, version, kind, channel, external_id, received_at, territory, category,
                block, recipient, executor, regulation, state, final, result_status, due_kind, due_at, closed_at, updated_at, latitude, longitude)
            select :tenant, s.id, (:phrases::text[])[s.phrase + 1] || ' № ' || s.house, s.received_at, 'bench-load', 0, 'message',
                   (:channels::text[])[s.c], :prefix || s.seq, s.received_at, (:territories::text[])[s.r], (:categories::text[])[s.t],
                   (:blocks::text[])[s.t], (:recipients::text[])[s.t], case when s.taken then (:executors::text[])[s.e] end,
                   (:regulations::text[])[s.c],
                   case when s.final then (:finalStates::text[])[s.c] when s.answered then (:waitStates::text[])[s.c]
                        when s.taken then (:workStates::text[])[s.c] else (:newStates::text[])[s.c] end,
                   s.final, case when s.answered then case when s.resolved then 'resolved' else 'explained' end end,
                   case when s.final then null when s.answered then case when (:satisfactionWindow::boolean[])[s.c] then 'satisfaction-window' end
                        when s.taken then
                        case when s.urgent then 'urgent-answer' else 'answer' end when (:firstResponse::boolean[])[s.c] then 'first-response' end,
                   case when s.final then null when s.answered then case when (:satisfactionWindow::boolean[])[s.c] then s.answer_at + interval '2 days' end
                        when s.taken then s.answer_due
                        when (:firstResponse::boolean[])[s.c] then s.received_at + interval '1 hour' end,
                   s.closed_at,
                   coalesce(s.closed_at, case when s.answered then s.answer_at end, case when s.taken then s.taken_at end, s.received_at),
                   s.latitude, s.longitude
            from bench_stage s order by s.seq""");

    /**
     * The first-response deadline (where arrival starts one), the answer deadline (once the message is
     * taken into work) and the citizen's satisfaction window (once answered, where the channel has one:
     * silence or a yes meets it, 7 % end otherwise).
     */
    private static final AnalyticsSql DEADLINES = new AnalyticsSql("""
            insert into deadline (tenant_id, id, message_id, kind, started_at, due_at, trace, status, closed_at)
            select :tenant, gen_random_uuid(), s.id, d.kind, d.started_at, d.due_at, 'bench-load', d.status,
                   case when d.status in ('met', 'missed') then d.at when d.status = 'cancelled' then s.closed_at end
            from bench_stage s cross join lateral (
                select 'first-response' as kind, s.received_at as started_at, s.received_at + interval '1 hour' as due_at, s.reply_at as at,
                       case when s.reply_at < :now and (not s.dropped or s.reply_at < s.received_at + interval '1 day')
                            then case when s.reply_at <= s.received_at + interval '1 hour' then 'met' else 'missed' end
                            when s.final then 'cancelled' else 'open' end as status
                where (:firstResponse::boolean[])[s.c]
                union all
                select case when s.urgent then 'urgent-answer' else 'answer' end, s.taken_at, s.answer_due, s.answer_at,
                       case when s.answered then case when s.answer_at <= s.answer_due then 'met' else 'missed' end
                            when s.final then 'cancelled' else 'open' end
                where s.taken
                union all
                select 'satisfaction-window', s.answer_at, s.answer_at + interval '2 days', s.closed_at,
                       case when not s.final then 'open' when s.accept then 'met' else 'cancelled' end
                where s.answered and (:satisfactionWindow::boolean[])[s.c]) d
            order by s.seq""");

    /**
     * Working minutes between two moments for a data-only municipality, which has no template and so no
     * timetable: Monday to Friday, 08:00–17:00 in its zone, no holidays. (The onboarded municipalities'
     * facts are derived by core-service itself, with each channel's timetable and the calendar.)
     */
    private static final String WORKING = """
            (select floor(coalesce(sum(greatest(0, extract(epoch from least(%2$s, (wd.day + time '17:00') at time zone :zone::text)
                        - greatest(%1$s, (wd.day + time '08:00') at time zone :zone::text)))), 0) / 60)::int
             from generate_series((%1$s at time zone :zone::text)::date, (%2$s at time zone :zone::text)::date, interval '1 day') wd(day)
             where extract(isodow from wd.day) < 6)""";

    static final String FACT_COLUMNS = "tenant_id, message_id, received_day, channel, block, category, recipient, territory, answered_day, "
            + "answer_minutes, on_time, first_reply_day, first_reply_minutes, result, answer_working_minutes, first_reply_working_minutes, "
            + "accepted, reopened, rating, executor";

    /**
     * The facts of the messages in the stage, by core-service's own derivation (analytics/derive.sql,
     * read from the jar it runs); days in the municipality's zone and whole minutes, never negative, as
     * Facts.derived makes them.
     */
    private static String derived() {
        return """
                select :tenant as tenant_id, d.id as message_id, (d.received_at at time zone :zone::text)::date, d.channel, d.block, d.category,
                       d.recipient, d.territory, (d.answered_at at time zone :zone::text)::date,
                       case when d.answered_at is not null then greatest(0, floor(extract(epoch from d.answered_at - d.received_at) / 60))::int end,
                       case when d.answered_at is not null then d.on_time end,
                       (d.replied_at at time zone :zone::text)::date,
                       case when d.replied_at is not null then greatest(0, floor(extract(epoch from d.replied_at - d.received_at) / 60))::int end,
                       case when d.answered_at is not null then d.result_status end,
                       case when d.answered_at is not null then %s end,
                       case when d.replied_at is not null then %s end,
                       d.accepted, d.reopened, d.rating, d.executor
                from (select x.*, coalesce(x.first_response_at, x.answered_at) as replied_at
                      from (%s where m.id in (select id from bench_stage)) x) d"""
                .formatted(WORKING.formatted("d.received_at", "d.answered_at"), WORKING.formatted("d.received_at", "d.replied_at"),
                        AnalyticsRaw.deriveSql());
    }

    /** The counters of analytics_daily and its rollups, in Facts.COUNTERS' order. */
    static final List<String> COUNTERS = List.of("received", "answered", "answered_on_time", "answered_late", "answer_minutes",
            "first_replied", "first_reply_minutes", "resolved", "explained", "answer_working_minutes", "first_reply_working_minutes",
            "satisfaction_checked", "accepted", "reopened", "rated", "rating_sum", "answered_of_received");
    /** Those the region's view keeps (Facts.REGIONAL): all but the first reply's working minutes and the arrivals answered. */
    static final List<String> REGIONAL_COUNTERS = COUNTERS.stream()
            .filter(c -> !c.equals("first_reply_working_minutes") && !c.equals("answered_of_received")).toList();

    /**
     * What each fact adds to the daily counts, as Facts.contribute adds it: on its arrival's day (and,
     * if it is answered, to the arrivals answered), on its answer's day (with the citizen's verdict and
     * rating) and on its first reply's day. Columns named as the counters.
     */
    private static final String CONTRIBUTIONS = """
            select received_day as day, channel, block, recipient, territory, 1 as received, 0 as answered, 0 as answered_on_time,
                   0 as answered_late, 0::bigint as answer_minutes, 0 as first_replied, 0::bigint as first_reply_minutes, 0 as resolved,
                   0 as explained, 0::bigint as answer_working_minutes, 0::bigint as first_reply_working_minutes, 0 as satisfaction_checked,
                   0 as accepted, 0 as reopened, 0 as rated, 0::bigint as rating_sum,
                   case when answered_day is not null then 1 else 0 end as answered_of_received
            from message_facts
            union all
            select answered_day, channel, block, recipient, territory, 0, 1, case when on_time then 1 else 0 end,
                   case when not on_time then 1 else 0 end, answer_minutes, 0, 0,
                   case when result = 'resolved' then 1 else 0 end, case when result = 'explained' then 1 else 0 end,
                   coalesce(answer_working_minutes, 0), 0, case when accepted is not null then 1 else 0 end,
                   case when accepted then 1 else 0 end, case when reopened then 1 else 0 end,
                   case when rating is not null then 1 else 0 end, coalesce(rating, 0), 0
            from message_facts where answered_day is not null
            union all
            select first_reply_day, channel, block, recipient, territory, 0, 0, 0, 0, 0, 1, first_reply_minutes, 0, 0, 0,
                   coalesce(first_reply_working_minutes, 0), 0, 0, 0, 0, 0, 0
            from message_facts where first_reply_day is not null""";

    private static final String DIMENSIONS = "channel, block, recipient, territory";

    /**
     * A data-only municipality's counts and every rollup of them, from its facts, each table as
     * Facts.write keeps it (the rollups' definitions are those of core-service's migration 015, which
     * filled them from the same tables). Rows of the region's view only where a counter is not zero.
     */
    private static final List<AnalyticsSql> COUNTS = List.of(
            new AnalyticsSql("insert into analytics_daily (tenant_id, day, " + DIMENSIONS + ", " + String.join(", ", COUNTERS) + ") select :tenant, day, "
                    + DIMENSIONS + ", " + sums(COUNTERS) + " from (" + CONTRIBUTIONS + ") c group by day, " + DIMENSIONS),
            new AnalyticsSql("insert into analytics_monthly (tenant_id, month, " + DIMENSIONS + ", " + String.join(", ", COUNTERS)
                    + ") select tenant_id, date_trunc('month', day)::date, " + DIMENSIONS + ", " + sums(COUNTERS)
                    + " from analytics_daily group by 1, 2, " + DIMENSIONS),
            new AnalyticsSql("insert into analytics_days (tenant_id, day, " + String.join(", ", COUNTERS) + ") select tenant_id, day, " + sums(COUNTERS)
                    + " from analytics_daily group by 1, 2"),
            new AnalyticsSql("insert into regional_daily (region_code, tenant_id, day, " + String.join(", ", REGIONAL_COUNTERS) + ") select :region, "
                    + "tenant_id, day, " + sums(REGIONAL_COUNTERS) + " from analytics_daily group by 2, 3 having "
                    + String.join(" or ", REGIONAL_COUNTERS.stream().map(c -> "sum(" + c + ") <> 0").toList())),
            new AnalyticsSql("insert into regional_monthly (region_code, tenant_id, month, " + String.join(", ", REGIONAL_COUNTERS)
                    + ") select region_code, tenant_id, date_trunc('month', day)::date, " + sums(REGIONAL_COUNTERS) + " from regional_daily group by 1, 2, 3"),
            new AnalyticsSql("insert into regional_categories (region_code, tenant_id, month, category, received) select :region, tenant_id, "
                    + "date_trunc('month', received_day)::date, category, count(*) from message_facts group by 2, 3, 4"),
            new AnalyticsSql("insert into category_territory_monthly (tenant_id, month, category, territory, received) select tenant_id, "
                    + "date_trunc('month', received_day)::date, category, territory, count(*) from message_facts group by 1, 2, 3, 4"),
            new AnalyticsSql("insert into answer_histogram (tenant_id, month, clock, bucket, answered) select tenant_id, "
                    + "date_trunc('month', answered_day)::date, 'wall', answer_bucket(answer_minutes), count(*) from message_facts "
                    + "where answered_day is not null group by 1, 2, 4"),
            new AnalyticsSql("insert into answer_histogram (tenant_id, month, clock, bucket, answered) select tenant_id, "
                    + "date_trunc('month', answered_day)::date, 'working', answer_bucket(answer_working_minutes), count(*) from message_facts "
                    + "where answered_day is not null and answer_working_minutes is not null group by 1, 2, 4"));

    /**
     * The analytics tables and their columns this loader fills. core-service's schema moves on; a table
     * or column it does not know would be left empty for the data-only municipalities and the figures
     * would be wrong, so a schema that differs stops the load instead.
     */
    static final Map<String, List<String>> SCHEMA = Map.of(
            "message_facts", List.of(FACT_COLUMNS.split(", ")),
            "analytics_daily", concat(List.of("tenant_id", "day", "channel", "block", "recipient", "territory"), COUNTERS),
            "analytics_monthly", concat(List.of("tenant_id", "month", "channel", "block", "recipient", "territory"), COUNTERS),
            "analytics_days", concat(List.of("tenant_id", "day"), COUNTERS),
            "regional_daily", concat(List.of("region_code", "tenant_id", "day"), REGIONAL_COUNTERS),
            "regional_monthly", concat(List.of("region_code", "tenant_id", "month"), REGIONAL_COUNTERS),
            "regional_categories", List.of("region_code", "tenant_id", "month", "category", "received"),
            "category_territory_monthly", List.of("tenant_id", "month", "category", "territory", "received"),
            "answer_histogram", List.of("tenant_id", "month", "clock", "bucket", "answered"),
            // The queue of arrivals still to be counted: nothing loaded here waits in it.
            "analytics_outbox", List.of("tenant_id", "message_id", "queued_at"));

    private static String sums(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> "sum(" + c + ")").toList());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private final Databases.ServiceDatabase db;
    private final AnalyticsDataSet data;
    private final Instant now;

    AnalyticsLoad(Databases.ServiceDatabase db, AnalyticsDataSet data, Instant now) {
        this.db = db;
        this.data = data;
        this.now = now;
    }

    /**
     * Every municipality, the largest first and the onboarded ones last, on {@code workers}
     * connections; returns the messages written. The data-only municipalities get their facts and
     * counts here; the onboarded ones only their messages, whose facts core-service derives itself.
     */
    long loadAll(int workers, java.util.Set<String> done, Runnable progress) throws Exception {
        List<String> differences = schemaDifferences();
        if (!differences.isEmpty()) {
            throw new IllegalStateException("core-service's analytics tables are not those this loader fills (AnalyticsLoad.SCHEMA, COUNTS): "
                    + differences + ". Teach the loader the new counts first, or the data-only municipalities' figures would be wrong.");
        }
        ConcurrentLinkedQueue<AnalyticsDataSet.Municipality> queue = new ConcurrentLinkedQueue<>(data.municipalities().stream()
                .filter(m -> !done.contains(m.slug()))
                .sorted(Comparator.comparing(AnalyticsDataSet.Municipality::onboarded)
                        .thenComparing(Comparator.comparingLong(AnalyticsDataSet.Municipality::messages).reversed())).toList());
        AtomicLong written = new AtomicLong();
        AtomicLong finished = new AtomicLong(done.size());
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    try (Connection connection = open()) {
                        for (var m = queue.poll(); m != null; m = queue.poll()) {
                            written.addAndGet(load(connection, m, m.messages(), "bench-", !m.onboarded()));
                            long n = finished.incrementAndGet();
                            if (n % 100 == 0 || m.messages() > data.messages() / 50 || m.onboarded()) {
                                progress.run();
                                System.out.printf("analytics load: %d/%d municipalities (%s), %,d messages, %.0f s%n", n, data.municipalities().size(),
                                        m.slug(), written.get(), (System.nanoTime() - start) / 1e9);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return written.get();
    }

    /**
     * The municipalities already loaded, for a load that was stopped and goes on: the data-only ones
     * have rows of the region's view (written in the same transaction as their messages), the
     * onboarded ones have messages. Read as the superuser, which sees every municipality's rows.
     */
    static java.util.Set<String> loaded(java.sql.Connection superuser) throws SQLException {
        java.util.Set<String> slugs = new java.util.HashSet<>();
        try (var s = superuser.createStatement();
             var rs = s.executeQuery("select distinct tenant_id from regional_daily union select tenant_id from (select distinct tenant_id from message "
                     + "where tenant_id in ('" + String.join("','", AnalyticsDataSet.ONBOARDED_RANKS.keySet()) + "') and created_by = '" + CREATED_BY
                     + "') o")) {
            while (rs.next()) {
                slugs.add(rs.getString(1));
            }
        }
        return slugs;
    }

    /**
     * Where core-service's analytics tables differ from those this loader fills ({@link #SCHEMA}): a
     * table it does not know (named like the analytics tables), one missing, or other columns.
     */
    List<String> schemaDifferences() throws SQLException {
        Map<String, java.util.Set<String>> actual = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(db.owner().url(), db.owner().username(), db.owner().password());
             var rs = connection.createStatement().executeQuery("""
                     select table_name, column_name from information_schema.columns where table_schema = 'public'
                       and (table_name like 'analytics%' or table_name like 'regional%' or table_name like '%monthly' or table_name like '%histogram%'
                            or table_name like '%facts%')""")) {
            while (rs.next()) {
                actual.computeIfAbsent(rs.getString(1), t -> new java.util.TreeSet<>()).add(rs.getString(2));
            }
        }
        List<String> differences = new ArrayList<>();
        java.util.Set<String> tables = new java.util.TreeSet<>(actual.keySet());
        tables.addAll(SCHEMA.keySet());
        for (String table : tables) {
            java.util.Set<String> expected = SCHEMA.containsKey(table) ? new java.util.TreeSet<>(SCHEMA.get(table)) : java.util.Set.of();
            java.util.Set<String> found = actual.getOrDefault(table, java.util.Set.of());
            if (!expected.equals(found)) {
                java.util.Set<String> extra = new java.util.TreeSet<>(found);
                extra.removeAll(expected);
                java.util.Set<String> missing = new java.util.TreeSet<>(expected);
                missing.removeAll(found);
                differences.add(table + (extra.isEmpty() ? "" : " has " + extra) + (missing.isEmpty() ? "" : " lacks " + missing));
            }
        }
        return differences;
    }

    /**
     * Messages with their deadlines and no facts, for core-service's own check to find, derive and then
     * compare the municipality's counts with (its log line says it has checked that municipality).
     */
    void addProbes(String slug, int count, String batch) throws SQLException {
        try (Connection connection = open()) {
            load(connection, data.municipality(slug), count, "bench-probe-" + batch + "-", false);
        }
    }

    /** Statistics and the visibility map, as autovacuum would leave them on a database that has been running a while. */
    void vacuum() throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.owner().url(), db.owner().username(), db.owner().password());
             Statement s = connection.createStatement()) {
            s.execute("vacuum (analyze) message, deadline, " + String.join(", ", SCHEMA.keySet()));
        }
    }

    /**
     * How many of the municipality's facts differ from what this loader's derivation gives for the same
     * messages (the working minutes aside: the loader counts Monday–Friday 08:00–17:00, core-service
     * each channel's timetable and calendar). Run on an onboarded municipality whose facts core-service
     * derived itself, it shows the loader's derivation is the application's.
     */
    long factsDifferingFromTheApplication(String slug) throws SQLException {
        AnalyticsDataSet.Municipality m = data.municipality(slug);
        try (Connection connection = open()) {
            Map<String, Object> values = values(m, AnalyticsProfile.of(slug), "bench-");
            try (var tenant = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                tenant.setString(1, slug);
                tenant.execute();
            }
            try (Statement s = connection.createStatement()) {
                s.execute("insert into bench_stage (id) select message_id from message_facts");
                s.execute("create temp table bench_derived on commit drop as select " + FACT_COLUMNS + " from message_facts limit 0");
            }
            new AnalyticsSql("insert into bench_derived (" + FACT_COLUMNS + ") " + derived()).update(connection, values);
            String columns = String.join(", ", java.util.Arrays.stream(FACT_COLUMNS.split(", ")).filter(c -> !c.contains("working")).toList());
            long differing;
            try (Statement s = connection.createStatement();
                 var rs = s.executeQuery("select count(*) from ((select " + columns + " from message_facts except select " + columns
                         + " from bench_derived) union all (select " + columns + " from bench_derived except select " + columns
                         + " from message_facts)) d")) {
                rs.next();
                differing = rs.getLong(1);
            }
            connection.rollback();
            return differing;
        }
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(db.owner().url(), db.owner().username(), db.owner().password());
        try (Statement s = connection.createStatement()) {
            // A bulk load: a lost last commit is loaded again, and the sorts and staging fit in memory.
            s.execute("set synchronous_commit = off");
            s.execute("set work_mem = '256MB'");
            s.execute("set temp_buffers = '512MB'");
            s.execute(STAGE);
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** One municipality in one transaction: {@code messages} drawn, and with {@code facts} their facts and counts. */
    private long load(Connection connection, AnalyticsDataSet.Municipality m, long messages, String prefix, boolean facts) throws SQLException {
        AnalyticsProfile profile = m.onboarded() ? AnalyticsProfile.of(m.slug()) : AnalyticsProfile.generic(m.messages());
        Map<String, Object> values = values(m, profile, prefix);
        try (var tenant = connection.prepareStatement("select set_config('app.tenant_id', ?, true), setseed(?)")) {
            tenant.setString(1, m.slug());
            // The same municipality draws the same messages at every load of the same size.
            tenant.setDouble(2, ((m.ordinal() * 7919L + messages) % 20_000) / 10_000.0 - 1);
            tenant.execute();
        }
        long written = draw(connection, values, messages);
        if (facts) {
            new AnalyticsSql("insert into message_facts (" + FACT_COLUMNS + ") " + derived()).update(connection, values);
            for (AnalyticsSql counts : COUNTS) {
                counts.update(connection, values);
            }
        }
        connection.commit();
        return written;
    }

    private long draw(Connection connection, Map<String, Object> values, long messages) throws SQLException {
        values.put("n", (double) messages);
        int drawn = DRAW.update(connection, values);
        MESSAGES.update(connection, values);
        DEADLINES.update(connection, values);
        return drawn;
    }

    private Map<String, Object> values(AnalyticsDataSet.Municipality m, AnalyticsProfile p, String prefix) {
        Map<String, Object> v = new HashMap<>();
        v.put("tenant", m.slug());
        v.put("region", m.region());
        v.put("zone", m.zone());
        v.put("first", java.sql.Date.valueOf(data.firstDay()));
        v.put("last", java.sql.Date.valueOf(data.lastDay()));
        v.put("now", Timestamp.from(now));
        v.put("prefix", prefix);
        v.put("phrases", PHRASES);
        // Somewhere in Russia's inhabited belt, the same place for the same municipality.
        java.util.Random place = new java.util.Random(m.ordinal());
        v.put("latitude", 45 + 15 * place.nextDouble());
        v.put("longitude", 30 + 100 * place.nextDouble());
        v.put("channelBounds", AnalyticsProfile.thresholds(p.channels().stream().map(AnalyticsProfile.Channel::weight).toList()));
        v.put("channels", p.channels().stream().map(AnalyticsProfile.Channel::code).toArray(String[]::new));
        v.put("regulations", p.channels().stream().map(AnalyticsProfile.Channel::regulation).toArray(String[]::new));
        v.put("firstResponse", p.channels().stream().map(AnalyticsProfile.Channel::firstResponse).toArray(Boolean[]::new));
        v.put("satisfactionWindow", p.channels().stream().map(AnalyticsProfile.Channel::satisfactionWindow).toArray(Boolean[]::new));
        v.put("newStates", p.channels().stream().map(AnalyticsProfile.Channel::newState).toArray(String[]::new));
        v.put("workStates", p.channels().stream().map(AnalyticsProfile.Channel::workState).toArray(String[]::new));
        v.put("waitStates", p.channels().stream().map(AnalyticsProfile.Channel::waitState).toArray(String[]::new));
        v.put("finalStates", p.channels().stream().map(AnalyticsProfile.Channel::finalState).toArray(String[]::new));
        v.put("topicBounds", AnalyticsProfile.thresholds(p.topics().stream().map(AnalyticsProfile.Topic::weight).toList()));
        v.put("categories", p.topics().stream().map(AnalyticsProfile.Topic::category).toArray(String[]::new));
        v.put("blocks", p.topics().stream().map(AnalyticsProfile.Topic::block).toArray(String[]::new));
        v.put("recipients", p.topics().stream().map(AnalyticsProfile.Topic::recipient).toArray(String[]::new));
        // No territories: every draw falls in bucket 1 of an array whose only element is null.
        List<AnalyticsProfile.Weighted> territories = p.territories().isEmpty() ? List.of(new AnalyticsProfile.Weighted(null, 1))
                : p.territories();
        v.put("territoryBounds", AnalyticsProfile.thresholds(territories.stream().map(AnalyticsProfile.Weighted::weight).toList()));
        v.put("territories", territories.stream().map(AnalyticsProfile.Weighted::code).toArray(String[]::new));
        v.put("executorBounds", AnalyticsProfile.thresholds(p.executors().stream().map(AnalyticsProfile.Weighted::weight).toList()));
        v.put("executors", p.executors().stream().map(AnalyticsProfile.Weighted::code).toArray(String[]::new));
        return v;
    }
}
