package ru.mcu.core.analytics;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.deadline.WorkingCalendars;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Each message's analytic facts and the daily counts made of them. A message's facts are derived
 * from it and its deadlines by one query ({@link #DERIVE}); when a message changes, its new facts
 * are derived, and the daily counts get the new facts' contribution added and the old ones' taken
 * back, in the same transaction. So the counts always equal what the derivation over every message
 * would give, which {@link AnalyticsCheck} verifies.
 * <ul>
 * <li>answered: the first deadline of kind answer or urgent-answer closed met or missed, when the
 * message has an answer or a result; a message that came in closed (history) without such a
 * deadline counts as answered when it was closed, on time unknown;</li>
 * <li>first reply: the first first-response deadline closed, else the answer;</li>
 * <li>times both on the wall clock and in the working time of the message's channel (its timetable
 * and the municipality's calendar);</li>
 * <li>accepted: a satisfaction window of the message ended in acceptance (said or by silence), false
 * when its windows ended otherwise, unknown when none ended; reopened: the message was reopened at
 * least once (the step «reopen», from a window or after the end);</li>
 * <li>rating: the citizen's latest rating of the answer (1–5), where the source platform relayed one.</li>
 * </ul>
 */
@Component
class Facts {
    /**
     * The derivation, in its own file so that whatever must compute the same (the analytics benchmark's
     * raw baseline reads it from this service's jar) computes it from the same text.
     */
    static final String DERIVE = derivation();


    private static String derivation() {
        try (var in = Facts.class.getResourceAsStream("/analytics/derive.sql")) {
            return new String(java.util.Objects.requireNonNull(in, "analytics/derive.sql").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What analytics keeps of one message: no personal data, no text. */
    record Fact(UUID id, LocalDate receivedDay, String channel, String block, String category, String recipient, String territory,
                LocalDate answeredDay, Integer answerMinutes, Boolean onTime, LocalDate firstReplyDay, Integer firstReplyMinutes,
                String result, Integer answerWorkingMinutes, Integer firstReplyWorkingMinutes, Boolean accepted, boolean reopened,
                Integer rating, String executor) {
    }

    /** The dimensions one row of the daily counts is kept for. */
    record Key(LocalDate day, String channel, String block, String recipient, String territory) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            if (c == 0) c = channel.compareTo(o.channel);
            if (c == 0) c = block.compareTo(o.block);
            if (c == 0) c = recipient.compareTo(o.recipient);
            if (c == 0) c = territory.compareTo(o.territory);
            return c;
        }
    }

    /** One row of the region's categories over time: a month (its first day) and a category. */
    record CategoryMonth(LocalDate month, String category) implements Comparable<CategoryMonth> {
        static CategoryMonth of(Fact fact) {
            return new CategoryMonth(fact.receivedDay().withDayOfMonth(1), fact.category());
        }

        @Override
        public int compareTo(CategoryMonth o) {
            int c = month.compareTo(o.month);
            return c != 0 ? c : category.compareTo(o.category);
        }
    }

    /** The counters of analytics_daily, in its column order. */
    static final List<String> COUNTERS = List.of("received", "answered", "answered_on_time", "answered_late", "answer_minutes",
            "first_replied", "first_reply_minutes", "resolved", "explained", "answer_working_minutes", "first_reply_working_minutes",
            "satisfaction_checked", "accepted", "reopened", "rated", "rating_sum", "answered_of_received");

    private final JdbcTemplate jdbc;
    private final WorkingCalendars calendars;

    Facts(JdbcTemplate jdbc, WorkingCalendars calendars) {
        this.jdbc = jdbc;
        this.calendars = calendars;
    }

    /** Derives the messages' facts anew and corrects the counts (the municipality's and its region's) by the difference. */
    @Transactional(propagation = Propagation.MANDATORY)
    void refresh(Collection<UUID> ids, TenantConfiguration config) {
        if (ids.isEmpty()) {
            return;
        }
        UUID[] array = ids.toArray(UUID[]::new);
        Map<UUID, Fact> old = new HashMap<>();
        jdbc.query("select * from message_facts where message_id = any(?)", rs -> {
            Fact fact = stored(rs);
            old.put(fact.id(), fact);
        }, (Object) array);
        List<Fact> fresh = jdbc.query(DERIVE + " where m.id = any(?)", (rs, n) -> derived(rs, config), (Object) array);
        Map<Key, long[]> delta = new TreeMap<>();
        Map<CategoryMonth, Long> categories = new TreeMap<>();
        Map<Bucket, Long> buckets = new TreeMap<>();
        Map<Place, Long> places = new TreeMap<>();
        List<Fact> changed = new ArrayList<>();
        for (Fact now : fresh) {
            Fact before = old.get(now.id());
            if (Objects.equals(before, now)) {
                continue;
            }
            if (before != null) {
                contribute(before, -1, delta);
                categories.merge(CategoryMonth.of(before), -1L, Long::sum);
                histogram(before, -1, buckets);
                places.merge(Place.of(before), -1L, Long::sum);
            }
            contribute(now, 1, delta);
            categories.merge(CategoryMonth.of(now), 1L, Long::sum);
            histogram(now, 1, buckets);
            places.merge(Place.of(now), 1L, Long::sum);
            changed.add(now);
        }
        if (changed.isEmpty()) {
            return;
        }
        write(delta, categories, buckets, places, config.regionCode());
        store(changed);
    }

    /** The facts of every message not waiting in the outbox, derived anew: what the counts must equal now. */
    List<Fact> deriveCounted(TenantConfiguration config) {
        return jdbc.query(DERIVE + " where not exists (select 1 from analytics_outbox o where o.message_id = m.id)", (rs, n) -> derived(rs, config));
    }

    /** Every message's facts derived anew, not stored: what the counts must equal. */
    List<Fact> deriveAll(TenantConfiguration config) {
        return jdbc.query(DERIVE, (rs, n) -> derived(rs, config));
    }

    /** The messages whose kept facts are not what they derive to now (after an upgrade that added a fact, or a change no event told of). */
    List<UUID> stale(List<Fact> derived) {
        Map<UUID, Fact> now = new HashMap<>();
        derived.forEach(fact -> now.put(fact.id(), fact));
        List<UUID> stale = new ArrayList<>();
        jdbc.query("select * from message_facts", rs -> {
            Fact kept = stored(rs);
            Fact fresh = now.get(kept.id());
            if (fresh != null && !fresh.equals(kept)) {
                stale.add(kept.id());
            }
        });
        return stale;
    }

    static void contribute(Fact fact, int sign, Map<Key, long[]> into) {
        long[] received = into.computeIfAbsent(key(fact, fact.receivedDay()), k -> new long[COUNTERS.size()]);
        received[0] += sign;
        // Of the day's arrivals, those answered (whenever): ratings' completeness.
        received[16] += fact.answeredDay() != null ? sign : 0;
        if (fact.answeredDay() != null) {
            long[] answered = into.computeIfAbsent(key(fact, fact.answeredDay()), k -> new long[COUNTERS.size()]);
            answered[1] += sign;
            answered[2] += Boolean.TRUE.equals(fact.onTime()) ? sign : 0;
            answered[3] += Boolean.FALSE.equals(fact.onTime()) ? sign : 0;
            answered[4] += (long) sign * fact.answerMinutes();
            answered[7] += "resolved".equals(fact.result()) ? sign : 0;
            answered[8] += "explained".equals(fact.result()) ? sign : 0;
            answered[9] += (long) sign * Objects.requireNonNullElse(fact.answerWorkingMinutes(), 0);
            // The citizen's verdict is on the answer: it counts on the answer's day.
            answered[11] += fact.accepted() != null ? sign : 0;
            answered[12] += Boolean.TRUE.equals(fact.accepted()) ? sign : 0;
            answered[13] += fact.reopened() ? sign : 0;
            answered[14] += fact.rating() != null ? sign : 0;
            answered[15] += (long) sign * Objects.requireNonNullElse(fact.rating(), 0);
        }
        if (fact.firstReplyDay() != null) {
            long[] replied = into.computeIfAbsent(key(fact, fact.firstReplyDay()), k -> new long[COUNTERS.size()]);
            replied[5] += sign;
            replied[6] += (long) sign * fact.firstReplyMinutes();
            replied[10] += (long) sign * Objects.requireNonNullElse(fact.firstReplyWorkingMinutes(), 0);
        }
    }

    private static Key key(Fact fact, LocalDate day) {
        return new Key(day, fact.channel(), fact.block(), fact.recipient(), fact.territory());
    }

    /** The counters the region's view keeps, by their index in {@link #COUNTERS}: no dimension but the day. */
    static final int[] REGIONAL = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15};

    /** The same difference, summed by day, for the region's view of the municipality. */
    static Map<LocalDate, long[]> byDay(Map<Key, long[]> delta) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        delta.forEach((key, counts) -> {
            long[] day = days.computeIfAbsent(key.day(), d -> new long[REGIONAL.length]);
            for (int i = 0; i < REGIONAL.length; i++) {
                day[i] += counts[REGIONAL[i]];
            }
        });
        return days;
    }

    /** A difference by day folded into months (the first day of each) and, for {@code dimensions}, kept by them. */
    static Map<Key, long[]> byMonth(Map<Key, long[]> delta) {
        Map<Key, long[]> months = new TreeMap<>();
        delta.forEach((key, counts) -> {
            long[] month = months.computeIfAbsent(new Key(key.day().withDayOfMonth(1), key.channel(), key.block(), key.recipient(), key.territory()),
                    k -> new long[counts.length]);
            for (int i = 0; i < counts.length; i++) {
                month[i] += counts[i];
            }
        });
        return months;
    }

    /** The day's totals: the difference with no dimension. */
    static Map<LocalDate, long[]> totals(Map<Key, long[]> delta) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        delta.forEach((key, counts) -> {
            long[] day = days.computeIfAbsent(key.day(), d -> new long[counts.length]);
            for (int i = 0; i < counts.length; i++) {
                day[i] += counts[i];
            }
        });
        return days;
    }

    /** A histogram's bucket of a time in minutes: exact below 1,000, then three significant digits (the SQL function answer_bucket). */
    static int bucket(int minutes) {
        if (minutes < 1000) {
            return minutes;
        }
        int unit = (int) Math.pow(10, String.valueOf(minutes).length() - 3);
        return minutes / unit * unit;
    }

    /** Month, clock and bucket of one answer in the histogram (month first, for the key order). */
    record Bucket(LocalDate month, String clock, int bucket) implements Comparable<Bucket> {
        @Override
        public int compareTo(Bucket o) {
            int c = month.compareTo(o.month);
            if (c == 0) c = clock.compareTo(o.clock);
            return c != 0 ? c : Integer.compare(bucket, o.bucket);
        }
    }

    static void histogram(Fact fact, int sign, Map<Bucket, Long> into) {
        if (fact.answeredDay() == null) {
            return;
        }
        LocalDate month = fact.answeredDay().withDayOfMonth(1);
        into.merge(new Bucket(month, "wall", bucket(fact.answerMinutes())), (long) sign, Long::sum);
        if (fact.answerWorkingMinutes() != null) {
            into.merge(new Bucket(month, "working", bucket(fact.answerWorkingMinutes())), (long) sign, Long::sum);
        }
    }

    /** Month, category and territory of one received message (the heat map's and the repeated messages' rollup). */
    record Place(LocalDate month, String category, String territory) implements Comparable<Place> {
        static Place of(Fact fact) {
            return new Place(fact.receivedDay().withDayOfMonth(1), fact.category(), fact.territory());
        }

        @Override
        public int compareTo(Place o) {
            int c = month.compareTo(o.month);
            if (c == 0) c = category.compareTo(o.category);
            return c != 0 ? c : territory.compareTo(o.territory);
        }
    }

    /** Every count the difference touches, each table in one statement, rows in key order (so transactions never deadlock). */
    private void write(Map<Key, long[]> delta, Map<CategoryMonth, Long> categories, Map<Bucket, Long> buckets, Map<Place, Long> places,
                       String region) {
        String tenant = CurrentTenant.required();
        List<String> regional = java.util.Arrays.stream(REGIONAL).mapToObj(COUNTERS::get).toList();
        Upsert daily = new Upsert("analytics_daily", List.of("tenant_id", "day", "channel", "block", "recipient", "territory"),
                List.of("text", "date", "text", "text", "text", "text"), COUNTERS);
        delta.forEach((k, c) -> daily.add(new Object[] {tenant, Date.valueOf(k.day()), k.channel(), k.block(), k.recipient(), k.territory()}, c));
        Upsert monthly = new Upsert("analytics_monthly", List.of("tenant_id", "month", "channel", "block", "recipient", "territory"),
                List.of("text", "date", "text", "text", "text", "text"), COUNTERS);
        byMonth(delta).forEach((k, c) -> monthly.add(new Object[] {tenant, Date.valueOf(k.day()), k.channel(), k.block(), k.recipient(), k.territory()}, c));
        Upsert days = new Upsert("analytics_days", List.of("tenant_id", "day"), List.of("text", "date"), COUNTERS);
        totals(delta).forEach((day, c) -> days.add(new Object[] {tenant, Date.valueOf(day)}, c));
        Upsert regionalDaily = new Upsert("regional_daily", List.of("region_code", "tenant_id", "day"), List.of("text", "text", "date"), regional);
        Map<LocalDate, long[]> regionalDays = byDay(delta);
        regionalDays.forEach((day, c) -> regionalDaily.add(new Object[] {region, tenant, Date.valueOf(day)}, c));
        Upsert regionalMonthly = new Upsert("regional_monthly", List.of("region_code", "tenant_id", "month"), List.of("text", "text", "date"), regional);
        Map<LocalDate, long[]> regionalMonths = new TreeMap<>();
        regionalDays.forEach((day, c) -> {
            long[] month = regionalMonths.computeIfAbsent(day.withDayOfMonth(1), m -> new long[c.length]);
            for (int i = 0; i < c.length; i++) {
                month[i] += c[i];
            }
        });
        regionalMonths.forEach((month, c) -> regionalMonthly.add(new Object[] {region, tenant, Date.valueOf(month)}, c));
        Upsert regionalCategories = new Upsert("regional_categories", List.of("region_code", "tenant_id", "month", "category"),
                List.of("text", "text", "date", "text"), List.of("received"));
        categories.forEach((k, n) -> regionalCategories.add(new Object[] {region, tenant, Date.valueOf(k.month()), k.category()}, new long[] {n}));
        Upsert histogram = new Upsert("answer_histogram", List.of("tenant_id", "month", "clock", "bucket"), List.of("text", "date", "text", "int4"),
                List.of("answered"));
        buckets.forEach((k, n) -> histogram.add(new Object[] {tenant, Date.valueOf(k.month()), k.clock(), k.bucket()}, new long[] {n}));
        Upsert heat = new Upsert("category_territory_monthly", List.of("tenant_id", "month", "category", "territory"),
                List.of("text", "date", "text", "text"), List.of("received"));
        places.forEach((k, n) -> heat.add(new Object[] {tenant, Date.valueOf(k.month()), k.category(), k.territory()}, new long[] {n}));
        for (Upsert upsert : List.of(daily, monthly, days, regionalDaily, regionalMonthly, regionalCategories, histogram, heat)) {
            upsert.run(jdbc);
        }
    }

    /**
     * Counts added to a table's rows by key in one statement (columns as arrays through unnest), rows
     * that did not exist created; rows whose every count is zero are left out.
     */
    private static final class Upsert {
        private final String table;
        private final List<String> keys;
        private final List<String> types;
        private final List<String> counters;
        private final List<Object[]> rows = new ArrayList<>();
        private final List<long[]> counts = new ArrayList<>();

        Upsert(String table, List<String> keys, List<String> types, List<String> counters) {
            this.table = table;
            this.keys = keys;
            this.types = types;
            this.counters = counters;
        }

        void add(Object[] key, long[] values) {
            if (java.util.Arrays.stream(values).anyMatch(v -> v != 0)) {
                rows.add(key);
                counts.add(values);
            }
        }

        void run(JdbcTemplate jdbc) {
            if (rows.isEmpty()) {
                return;
            }
            String arrays = String.join(", ", java.util.stream.Stream.concat(types.stream().map(t -> "?::" + t + "[]"),
                    counters.stream().map(c -> "?::int8[]")).toList());
            String sql = "insert into " + table + " (" + String.join(", ", keys) + ", " + String.join(", ", counters) + ") select * from unnest("
                    + arrays + ") on conflict (" + String.join(", ", keys) + ") do update set "
                    + String.join(", ", counters.stream().map(c -> c + " = " + table + "." + c + " + excluded." + c).toList());
            jdbc.update(connection -> {
                var statement = connection.prepareStatement(sql);
                for (int k = 0; k < keys.size(); k++) {
                    int column = k;
                    statement.setArray(k + 1, connection.createArrayOf(types.get(k), rows.stream().map(r -> r[column]).toArray()));
                }
                for (int c = 0; c < counters.size(); c++) {
                    int counter = c;
                    statement.setArray(keys.size() + c + 1, connection.createArrayOf("int8", counts.stream().map(v -> v[counter]).toArray()));
                }
                return statement;
            });
        }
    }

    /** All the facts in one statement, column by column as arrays: a batch of 500 arrivals is one round trip, not 500. */
    private void store(List<Fact> facts) {
        String tenant = CurrentTenant.required();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    insert into message_facts (tenant_id, message_id, received_day, channel, block, category, recipient, territory, answered_day,
                        answer_minutes, on_time, first_reply_day, first_reply_minutes, result, answer_working_minutes, first_reply_working_minutes,
                        accepted, reopened, rating, executor)
                    select ?, f.* from unnest(?::uuid[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::int[],
                        ?::boolean[], ?::date[], ?::int[], ?::text[], ?::int[], ?::int[], ?::boolean[], ?::boolean[], ?::int[], ?::text[]) as f
                    on conflict (tenant_id, message_id) do update set received_day = excluded.received_day, channel = excluded.channel,
                        block = excluded.block, category = excluded.category, recipient = excluded.recipient, territory = excluded.territory,
                        answered_day = excluded.answered_day, answer_minutes = excluded.answer_minutes, on_time = excluded.on_time,
                        first_reply_day = excluded.first_reply_day, first_reply_minutes = excluded.first_reply_minutes, result = excluded.result,
                        answer_working_minutes = excluded.answer_working_minutes, first_reply_working_minutes = excluded.first_reply_working_minutes,
                        accepted = excluded.accepted, reopened = excluded.reopened, rating = excluded.rating, executor = excluded.executor
                    """);
            statement.setString(1, tenant);
            statement.setArray(2, connection.createArrayOf("uuid", facts.stream().map(Fact::id).toArray()));
            statement.setArray(3, connection.createArrayOf("date", facts.stream().map(f -> Date.valueOf(f.receivedDay())).toArray()));
            statement.setArray(4, connection.createArrayOf("text", facts.stream().map(Fact::channel).toArray()));
            statement.setArray(5, connection.createArrayOf("text", facts.stream().map(Fact::block).toArray()));
            statement.setArray(6, connection.createArrayOf("text", facts.stream().map(Fact::category).toArray()));
            statement.setArray(7, connection.createArrayOf("text", facts.stream().map(Fact::recipient).toArray()));
            statement.setArray(8, connection.createArrayOf("text", facts.stream().map(Fact::territory).toArray()));
            statement.setArray(9, connection.createArrayOf("date", facts.stream().map(f -> f.answeredDay() == null ? null : Date.valueOf(f.answeredDay())).toArray()));
            statement.setArray(10, connection.createArrayOf("int4", facts.stream().map(Fact::answerMinutes).toArray()));
            statement.setArray(11, connection.createArrayOf("bool", facts.stream().map(Fact::onTime).toArray()));
            statement.setArray(12, connection.createArrayOf("date", facts.stream().map(f -> f.firstReplyDay() == null ? null : Date.valueOf(f.firstReplyDay())).toArray()));
            statement.setArray(13, connection.createArrayOf("int4", facts.stream().map(Fact::firstReplyMinutes).toArray()));
            statement.setArray(14, connection.createArrayOf("text", facts.stream().map(Fact::result).toArray()));
            statement.setArray(15, connection.createArrayOf("int4", facts.stream().map(Fact::answerWorkingMinutes).toArray()));
            statement.setArray(16, connection.createArrayOf("int4", facts.stream().map(Fact::firstReplyWorkingMinutes).toArray()));
            statement.setArray(17, connection.createArrayOf("bool", facts.stream().map(Fact::accepted).toArray()));
            statement.setArray(18, connection.createArrayOf("bool", facts.stream().map(Fact::reopened).toArray()));
            statement.setArray(19, connection.createArrayOf("int4", facts.stream().map(Fact::rating).toArray()));
            statement.setArray(20, connection.createArrayOf("text", facts.stream().map(Fact::executor).toArray()));
            return statement;
        });
    }

    private Fact derived(ResultSet rs, TenantConfiguration config) throws SQLException {
        ZoneId zone = config.zone();
        Instant received = rs.getTimestamp("received_at").toInstant();
        Instant answered = instant(rs.getTimestamp("answered_at"));
        Instant firstResponse = instant(rs.getTimestamp("first_response_at"));
        Instant firstReply = firstResponse != null ? firstResponse : answered;
        Boolean onTime = answered == null ? null : (Boolean) rs.getObject("on_time");
        return new Fact(rs.getObject("id", UUID.class), LocalDate.ofInstant(received, zone), rs.getString("channel"), rs.getString("block"),
                rs.getString("category"), rs.getString("recipient"), rs.getString("territory"), day(answered, zone), minutes(received, answered), onTime,
                day(firstReply, zone), minutes(received, firstReply), answered == null ? null : rs.getString("result_status"),
                workingMinutes(config, rs.getString("channel"), received, answered), workingMinutes(config, rs.getString("channel"), received, firstReply),
                (Boolean) rs.getObject("accepted"), rs.getBoolean("reopened"), (Integer) rs.getObject("rating"), rs.getString("executor"));
    }

    /** Working minutes by the channel's timetable; unknown for a channel the configuration no longer has. */
    private Integer workingMinutes(TenantConfiguration config, String channel, Instant from, Instant to) {
        if (to == null) {
            return null;
        }
        if (config.channel(channel).isEmpty()) {
            return null;
        }
        return (int) calendars.calculator(config, channel).workingMinutesBetween(from, to);
    }

    private static Fact stored(ResultSet rs) throws SQLException {
        return new Fact(rs.getObject("message_id", UUID.class), rs.getDate("received_day").toLocalDate(), rs.getString("channel"),
                rs.getString("block"), rs.getString("category"), rs.getString("recipient"), rs.getString("territory"), localDate(rs.getDate("answered_day")),
                (Integer) rs.getObject("answer_minutes"), (Boolean) rs.getObject("on_time"), localDate(rs.getDate("first_reply_day")),
                (Integer) rs.getObject("first_reply_minutes"), rs.getString("result"), (Integer) rs.getObject("answer_working_minutes"),
                (Integer) rs.getObject("first_reply_working_minutes"), (Boolean) rs.getObject("accepted"), rs.getBoolean("reopened"),
                (Integer) rs.getObject("rating"), rs.getString("executor"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static LocalDate localDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static LocalDate day(Instant at, ZoneId zone) {
        return at == null ? null : LocalDate.ofInstant(at, zone);
    }

    /** Wall-clock minutes from arrival (never negative: a reply registered as of before the arrival counts as at once). */
    private static Integer minutes(Instant from, Instant to) {
        return to == null ? null : (int) Math.max(0, Duration.between(from, to).toMinutes());
    }
}
