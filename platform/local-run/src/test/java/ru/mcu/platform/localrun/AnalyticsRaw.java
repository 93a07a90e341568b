package ru.mcu.platform.localrun;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ru.mcu.platform.stack.Databases;

/**
 * The baseline: each dashboard answer computed at query time from the raw tables (message and
 * deadline), with no facts and no counts — core-service's DERIVE query run over the municipality's
 * messages and aggregated on the fly. Connected as the application's role (core_app) with the
 * municipality set, under row-level security, as core-service itself reads; the region's view, which
 * that role can only read one municipality at a time, loops over the region's municipalities.
 */
final class AnalyticsRaw implements AutoCloseable {
    /**
     * Each message as analytics sees it, derived now by core-service's own derivation
     * (analytics/derive.sql from the jar it runs): arrival, answer and first reply days in the zone,
     * whole minutes.
     */
    private static String facts() {
        return """
                f as materialized (
                    select x.channel, x.block, x.category, x.recipient, x.territory, x.executor,
                           (x.received_at at time zone :zone::text)::date as received_day,
                           (x.answered_at at time zone :zone::text)::date as answered_day,
                           case when x.answered_at is not null then greatest(0, floor(extract(epoch from x.answered_at - x.received_at) / 60)) end
                               as answer_minutes,
                           case when x.answered_at is not null then x.on_time end as on_time,
                           (coalesce(x.first_response_at, x.answered_at) at time zone :zone::text)::date as reply_day,
                           case when coalesce(x.first_response_at, x.answered_at) is not null
                                then greatest(0, floor(extract(epoch from coalesce(x.first_response_at, x.answered_at) - x.received_at) / 60)) end
                               as reply_minutes,
                           case when x.answered_at is not null then x.result_status end as result
                    from (%s) x)""".formatted(deriveSql());
    }

    private static String derive;

    /** core-service's derivation of a message's facts, as the jar the platform runs has it. */
    static synchronized String deriveSql() {
        if (derive == null) {
            java.nio.file.Path jar = java.nio.file.Path.of(Platform.artifacts().getProperty("core-service.jar"));
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                var entry = file.getJarEntry("BOOT-INF/classes/analytics/derive.sql");
                if (entry == null) {
                    throw new IllegalStateException(jar + " has no analytics/derive.sql: the benchmark needs a core-service that keeps its derivation there");
                }
                try (var in = file.getInputStream(entry)) {
                    derive = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return derive;
    }

    /** What each message adds to which day, as a row of the daily counts would hold it. */
    private static final String CONTRIBUTIONS = """
            c as materialized (
                select received_day as day, channel, block, recipient, territory, 1 as received, 0 as answered, 0 as on_time, 0 as late,
                       0::numeric as answer_minutes, 0 as first_replied, 0::numeric as reply_minutes, 0 as resolved, 0 as explained
                from f where received_day between :previousFrom::date and :to::date
                union all
                select answered_day, channel, block, recipient, territory, 0, 1, case when on_time then 1 else 0 end,
                       case when not on_time then 1 else 0 end, answer_minutes, 0, 0, case when result = 'resolved' then 1 else 0 end,
                       case when result = 'explained' then 1 else 0 end
                from f where answered_day between :previousFrom::date and :to::date
                union all
                select reply_day, channel, block, recipient, territory, 0, 0, 0, 0, 0, 1, reply_minutes, 0, 0
                from f where reply_day between :previousFrom::date and :to::date)""";

    private static final String SUMS = "sum(received) as received, sum(answered) as answered, sum(on_time) as on_time, sum(late) as late, "
            + "sum(answer_minutes) as answer_minutes, sum(first_replied) as first_replied, sum(reply_minutes) as reply_minutes, "
            + "sum(resolved) as resolved, sum(explained) as explained";

    private static final AnalyticsSql SUMMARY = new AnalyticsSql("with " + facts() + ", " + CONTRIBUTIONS + """
            select 'current' as part, '' as code, %1$s, (select percentile_cont(0.5) within group (order by answer_minutes) from f
                    where answered_day between :from::date and :to::date) as median
            from c where day between :from::date and :to::date
            union all
            select 'previous', '', %1$s, (select percentile_cont(0.5) within group (order by answer_minutes) from f
                    where answered_day between :previousFrom::date and :previousTo::date)
            from c where day between :previousFrom::date and :previousTo::date
            union all select 'channel', channel, %1$s, null from c where day between :from::date and :to::date group by channel
            union all select 'block', block, %1$s, null from c where day between :from::date and :to::date group by block
            union all select 'recipient', recipient, %1$s, null from c where day between :from::date and :to::date group by recipient
            union all select 'territory', territory, %1$s, null from c where day between :from::date and :to::date group by territory
            union all select 'trend', date_trunc(:step::text, day)::date::text, %1$s, null from c where day between :from::date and :to::date
                group by 2
            union all
            select 'backlog', '', count(*), count(*) filter (where paused_at is null and due_at < now()
                       and due_kind is distinct from 'satisfaction-window'), 0, 0, 0, 0, 0, 0, 0, null
            from message where not final""".formatted(SUMS));

    /** A rating's figures per recipient or block: the cohort received in the period, and the answers given in it. */
    private static final String RATINGS = "with " + facts() + """
            select 'cohort' as part, {subject} as code, count(*) as received, count(*) filter (where answered_day is not null) as answered,
                   0 as on_time, 0 as late, 0 as answer_minutes, 0 as resolved, 0 as explained
            from f where received_day between :from::date and :to::date and {subject} <> '' group by {subject}
            union all
            select 'answers', {subject}, 0, count(*), count(*) filter (where on_time), count(*) filter (where not on_time), sum(answer_minutes),
                   count(*) filter (where result = 'resolved'), count(*) filter (where result = 'explained')
            from f where answered_day between :from::date and :to::date and {subject} <> '' group by {subject}""";

    /** The heat map needs nothing the facts add: category and territory of the messages received in the period, from the message table. */
    private static final AnalyticsSql HEATMAP = new AnalyticsSql("""
            select coalesce(category, '') as category, coalesce(territory, '') as territory, count(*) as received from message
            where received_at >= (:from::date::timestamp at time zone :zone::text) and received_at < ((:to::date + 1)::timestamp at time zone :zone::text)
            group by 1, 2 order by received desc, 1, 2""");

    /** The map needs only the message table too: the period's messages and those with coordinates, by place (about 100 m) and category. */
    private static final AnalyticsSql PLACES = new AnalyticsSql("""
            select 'total' as part, '' as code, count(*) as received, count(*) filter (where latitude is not null and longitude is not null) as located
            from message where received_at >= (:from::date::timestamp at time zone :zone::text)
              and received_at < ((:to::date + 1)::timestamp at time zone :zone::text)
            union all
            select 'place', round(latitude::numeric, 3) || ',' || round(longitude::numeric, 3) || ',' || coalesce(category, ''), count(*), 0
            from message where received_at >= (:from::date::timestamp at time zone :zone::text)
              and received_at < ((:to::date + 1)::timestamp at time zone :zone::text) and latitude is not null and longitude is not null
            group by 2""");

    /**
     * A municipality's categories month by month (the region's view of it), from its messages: every
     * month the period touches, whole, as the API reads its monthly rows (a period ending inside a
     * month counts that month's later days too).
     */
    private static final AnalyticsSql CATEGORIES = new AnalyticsSql("""
            select 'month' as part, date_trunc('month', (received_at at time zone :zone::text))::date || ' ' || coalesce(category, '') as code,
                   count(*) as received
            from message where received_at >= (date_trunc('month', :from::date)::timestamp at time zone :zone::text)
              and received_at < ((date_trunc('month', :to::date) + interval '1 month')::timestamp at time zone :zone::text)
            group by 2""");

    private static final AnalyticsSql WORKLOAD = new AnalyticsSql("with " + facts() + """
            select 'open-block' as part, coalesce(block, '') as code, count(*) as open, count(*) filter (where paused_at is null and due_at < now()
                   and due_kind is distinct from 'satisfaction-window') as overdue
            from message where not final group by 2
            union all
            select 'open-executor', coalesce(executor, ''), count(*), count(*) filter (where paused_at is null and due_at < now()
                   and due_kind is distinct from 'satisfaction-window')
            from message where not final group by 2
            union all select 'answered-block', block, count(*), 0 from f where answered_day between :from::date and :to::date group by block
            union all select 'answered-executor', executor, count(*), 0 from f where answered_day between :from::date and :to::date group by executor""");

    /** One municipality's figures for the region's view: received, answered, on time, late, minutes, resolved, explained, now and before. */
    private static final AnalyticsSql REGIONAL = new AnalyticsSql("with " + facts() + ", " + CONTRIBUTIONS + """
            select 'current' as part, '' as code, %1$s from c where day between :from::date and :to::date
            union all select 'previous', '', %1$s from c where day between :previousFrom::date and :previousTo::date""".formatted(SUMS));

    /** A row of a raw answer: its part (current, channel, cohort…), its code, and its numbers in the query's column order. */
    record Row(String part, String code, double[] values) {
    }

    private final Connection connection;

    AnalyticsRaw(Databases.ServiceDatabase db) throws SQLException {
        connection = DriverManager.getConnection(db.app().url(), db.app().username(), db.app().password());
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
    }

    List<Row> summary(AnalyticsDataSet.Municipality m, LocalDate from, LocalDate to, String step) throws SQLException {
        Map<String, Object> values = period(m, from, to);
        values.put("step", step);
        return run(m.slug(), SUMMARY, values);
    }

    List<Row> ratings(AnalyticsDataSet.Municipality m, String subject, LocalDate from, LocalDate to) throws SQLException {
        if (!subject.equals("recipient") && !subject.equals("block")) {
            throw new IllegalArgumentException(subject);
        }
        return run(m.slug(), new AnalyticsSql(RATINGS.replace("{subject}", subject)), period(m, from, to));
    }

    List<Row> heatMap(AnalyticsDataSet.Municipality m, LocalDate from, LocalDate to) throws SQLException {
        return run(m.slug(), HEATMAP, period(m, from, to));
    }

    List<Row> workload(AnalyticsDataSet.Municipality m, LocalDate from, LocalDate to) throws SQLException {
        return run(m.slug(), WORKLOAD, period(m, from, to));
    }

    List<Row> places(AnalyticsDataSet.Municipality m, LocalDate from, LocalDate to) throws SQLException {
        return run(m.slug(), PLACES, period(m, from, to));
    }

    List<Row> categories(AnalyticsDataSet.Municipality m, LocalDate from, LocalDate to) throws SQLException {
        return run(m.slug(), CATEGORIES, period(m, from, to));
    }

    /** The region's view, municipality by municipality: slug → its current and previous rows. */
    Map<String, List<Row>> regional(List<AnalyticsDataSet.Municipality> municipalities, LocalDate from, LocalDate to) throws SQLException {
        Map<String, List<Row>> all = new LinkedHashMap<>();
        for (AnalyticsDataSet.Municipality m : municipalities) {
            all.put(m.slug(), run(m.slug(), REGIONAL, period(m, from, to)));
        }
        return all;
    }

    /** One raw query in its own read-only transaction, with the municipality set as core-service sets it. */
    private List<Row> run(String tenant, AnalyticsSql sql, Map<String, Object> values) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
            set.setString(1, tenant);
            set.execute();
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection, values); ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                double[] numbers = new double[columns - 2];
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = rs.getDouble(i + 3);
                }
                rows.add(new Row(rs.getString(1), rs.getString(2), numbers));
            }
        } finally {
            connection.commit();
        }
        return rows;
    }

    private static Map<String, Object> period(AnalyticsDataSet.Municipality m, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("zone", m.zone());
        values.put("from", java.sql.Date.valueOf(from));
        values.put("to", java.sql.Date.valueOf(to));
        values.put("previousFrom", java.sql.Date.valueOf(from.minusDays(days)));
        values.put("previousTo", java.sql.Date.valueOf(from.minusDays(1)));
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
