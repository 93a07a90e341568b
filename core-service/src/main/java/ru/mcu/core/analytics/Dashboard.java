package ru.mcu.core.analytics;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.tenant.Names;
import ru.mcu.core.tenant.TenantConfiguration;

/**
 * A municipality's measures over a period, read from the daily counts (and, for the median and the
 * backlog, from the per-message facts and the open messages). Every formula is in docs/analytics.md.
 */
@Service
public class Dashboard {
    /**
     * The measures of one period. Shares are of the messages answered in the period, but the share
     * repeated (of those received); times in hours, on the wall clock and in the channel's working time.
     */
    public record Measures(long received, Double receivedPer10k, long answered, long answeredOnTime, long answeredLate, Double onTimeShare,
                           Double lateShare, Double meanAnswerHours, Double medianAnswerHours, Double meanAnswerWorkingHours,
                           Double medianAnswerWorkingHours, long firstReplied, Double meanFirstReplyHours, Double meanFirstReplyWorkingHours,
                           long resolved, long explained, long satisfactionChecked, long accepted, Double acceptedShare, long reopened,
                           Double reopenedShare, long repeated, Double repeatedShare, long rated, Double meanRating) {
    }

    /** One channel, block, recipient or territory in the period. */
    public record Slice(String code, String name, long received, long answered, Double onTimeShare, Double meanAnswerHours) {
    }

    /** One step of the trend: the day, or the first day of the week or month. */
    public record Point(LocalDate from, long received, long answered, long answeredOnTime) {
    }

    /** Open messages now, and how long they have been waiting. */
    public record Backlog(long open, long overdue, long upTo1Day, long upTo3Days, long upTo7Days, long upTo30Days, long over30Days) {
    }

    public record Summary(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, String timeZone, Integer population,
                          Measures current, Measures previous, List<Slice> byChannel, List<Slice> byBlock, List<Slice> byRecipient,
                          List<Slice> byTerritory, String trendBy, List<Point> trend, Backlog backlog) {
    }

    public enum Trend { DAY, WEEK, MONTH }

    /** One block's or executor's load: open messages now (overdue among them), and messages answered in the period. */
    public record Load(String code, String name, long open, long overdue, long answered) {
    }

    public record Workload(LocalDate from, LocalDate to, List<Load> byBlock, List<Load> byExecutor) {
    }

    /** One cell of the heat map: a category in a territory, the messages received in the period. */
    public record Cell(String category, String territory, long received, Double receivedPer10k) {
    }

    /** Categories × territories over a period; codes with their names, '' none given (shown as «не определено»). */
    public record HeatMap(LocalDate from, LocalDate to, Integer population, List<Slice> categories, List<Slice> territories, List<Cell> cells) {
    }

    /** Messages at about one place (coordinates rounded to 0.001°, some 100 m) and of one category, received in the period. */
    public record MapPlace(double latitude, double longitude, String category, String categoryName, long received) {
    }

    /**
     * The map: places with messages, most first, at most {@link #MOST_POINTS} of them ({@code truncated}
     * when there were more); {@code located} of the period's {@code received} messages had coordinates.
     */
    public record MapPlaces(LocalDate from, LocalDate to, long located, long received, boolean truncated, List<MapPlace> places) {
    }

    public static final int MOST_POINTS = 5_000;

    private static final String SUMS = """
            coalesce(sum(received), 0) as received, coalesce(sum(answered), 0) as answered,
            coalesce(sum(answered_on_time), 0) as on_time, coalesce(sum(answered_late), 0) as late,
            coalesce(sum(answer_minutes), 0) as answer_minutes, coalesce(sum(first_replied), 0) as first_replied,
            coalesce(sum(first_reply_minutes), 0) as first_reply_minutes, coalesce(sum(resolved), 0) as resolved,
            coalesce(sum(explained), 0) as explained, coalesce(sum(answer_working_minutes), 0) as answer_working_minutes,
            coalesce(sum(first_reply_working_minutes), 0) as first_reply_working_minutes,
            coalesce(sum(satisfaction_checked), 0) as satisfaction_checked, coalesce(sum(accepted), 0) as accepted,
            coalesce(sum(reopened), 0) as reopened, coalesce(sum(rated), 0) as rated, coalesce(sum(rating_sum), 0) as rating_sum""";

    private final JdbcTemplate jdbc;

    Dashboard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The period from..to (both days included, in the municipality's zone) against the as long one just before it. */
    @Transactional(readOnly = true)
    public Summary summary(TenantConfiguration config, LocalDate from, LocalDate to, Trend trendBy, Instant now) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(days - 1);
        Integer population = config.population();
        Map<String, String> channels = Names.channels(config);
        Map<String, String> blocks = Names.blocks(config);
        Map<String, String> recipients = Names.recipients(config);
        Map<String, String> territories = Names.territories(config);
        Span span = new Span(from, to);
        Span before = new Span(previousFrom, previousTo);
        FromFacts factsNow = fromFacts(span);
        FromFacts factsBefore = fromFacts(before);
        // The slices in one read of the rollups (grouping sets): whole months from the monthly rows, the edges from the daily.
        Map<String, List<Slice>> slices = new java.util.HashMap<>();
        jdbc.query("select grouping(channel, block, recipient, territory) as g, channel, block, recipient, territory, " + SUMS + " from "
                + span.rows("channel, block, recipient, territory, " + String.join(", ", Facts.COUNTERS), "analytics_monthly", "analytics_daily", "day")
                + " d group by grouping sets ((channel), (block), (recipient), (territory))", rs -> {
            int grouped = rs.getInt("g");
            switch (grouped) {
                case 7 -> slices.computeIfAbsent("channel", k -> new java.util.ArrayList<>()).add(slice(rs, "channel", channels));
                case 11 -> slices.computeIfAbsent("block", k -> new java.util.ArrayList<>()).add(slice(rs, "block", blocks));
                case 13 -> slices.computeIfAbsent("recipient", k -> new java.util.ArrayList<>()).add(slice(rs, "recipient", recipients));
                case 14 -> slices.computeIfAbsent("territory", k -> new java.util.ArrayList<>()).add(slice(rs, "territory", territories));
                default -> throw new IllegalStateException("unexpected grouping " + grouped);
            }
        }, span.args());
        // The totals and the trend from the day's totals (a row a day).
        List<Point> trend = new java.util.ArrayList<>();
        Measures[] current = new Measures[1];
        jdbc.query("select grouping(step) as g, step, " + SUMS + " from (select *, " + step(trendBy) + " as step from analytics_days "
                + "where day between ? and ?) d group by grouping sets ((), (step))", rs -> {
            if (rs.getInt("g") == 1) {
                current[0] = measures(rs, population, factsNow);
            } else {
                trend.add(new Point(rs.getDate("step").toLocalDate(), rs.getLong("received"), rs.getLong("answered"), rs.getLong("on_time")));
            }
        }, Date.valueOf(from), Date.valueOf(to));
        Measures previous = jdbc.queryForObject("select " + SUMS + " from analytics_days where day between ? and ?",
                (rs, n) -> measures(rs, population, factsBefore), Date.valueOf(previousFrom), Date.valueOf(previousTo));
        if (current[0] == null) {
            // No day counted in the period: the grouping of nothing gives no total row either.
            current[0] = jdbc.queryForObject("select " + SUMS + " from analytics_days where false", (rs, n) -> measures(rs, population, factsNow));
        }
        Comparator<Slice> most = Comparator.comparingLong((Slice x) -> -x.received()).thenComparing(x -> x.code() == null ? "" : x.code());
        trend.sort(Comparator.comparing(Point::from));
        return new Summary(from, to, previousFrom, previousTo, config.zone().getId(), population, current[0], previous,
                sorted(slices.get("channel"), most), sorted(slices.get("block"), most), sorted(slices.get("recipient"), most),
                sorted(slices.get("territory"), most), trendBy.name().toLowerCase(java.util.Locale.ROOT), trend, backlog(now));
    }

    private static List<Slice> sorted(List<Slice> slices, Comparator<Slice> order) {
        return slices == null ? List.of() : slices.stream().sorted(order).toList();
    }

    private static Slice slice(ResultSet rs, String dimension, Map<String, String> names) throws SQLException {
        String code = rs.getString(dimension);
        Measures m = measures(rs, null, FromFacts.NONE);
        return new Slice(code.isEmpty() ? null : code, code.isEmpty() ? null : java.util.Objects.requireNonNullElse(names.get(code), code),
                m.received(), m.answered(), m.onTimeShare(), m.meanAnswerHours());
    }

    private static String step(Trend by) {
        return switch (by) {
            case DAY -> "day";
            case WEEK -> "date_trunc('week', day)::date";
            case MONTH -> "date_trunc('month', day)::date";
        };
    }

    /**
     * Who carries the work: per sector block and per executor, the open messages now (and how many of
     * them are overdue) from the messages themselves, and those answered in the period from the daily
     * counts (by block) and the facts, which keep who gave each message's last answer (by executor: the
     * executor it had when answered, or the staff member who answered it without one).
     */
    @Transactional(readOnly = true)
    public Workload workload(TenantConfiguration config, LocalDate from, LocalDate to, Instant now, Map<String, String> executorNames) {
        Map<String, String> blocks = Names.blocks(config);
        Timestamp at = Timestamp.from(now);
        Map<String, long[]> byBlock = new java.util.TreeMap<>();
        Map<String, long[]> byExecutor = new java.util.TreeMap<>();
        jdbc.query("select coalesce(block, '') as block, coalesce(executor, '') as executor, count(*) as open, count(*) filter (where paused_at is null "
                + "and due_at < ? and due_kind is distinct from 'satisfaction-window') as overdue from message where not final group by 1, 2", rs -> {
            long[] b = byBlock.computeIfAbsent(rs.getString("block"), k -> new long[3]);
            b[0] += rs.getLong("open");
            b[1] += rs.getLong("overdue");
            long[] e = byExecutor.computeIfAbsent(rs.getString("executor"), k -> new long[3]);
            e[0] += rs.getLong("open");
            e[1] += rs.getLong("overdue");
        }, at);
        Span span = new Span(from, to);
        jdbc.query("select block, sum(answered) as answered from " + span.rows("block, answered", "analytics_monthly", "analytics_daily", "day")
                        + " d group by block",
                rs -> { byBlock.computeIfAbsent(rs.getString("block"), k -> new long[3])[2] += rs.getLong("answered"); }, span.args());
        jdbc.query("select executor, count(*) as answered from message_facts where answered_day between ? and ? group by executor",
                rs -> { byExecutor.computeIfAbsent(rs.getString("executor"), k -> new long[3])[2] += rs.getLong("answered"); },
                Date.valueOf(from), Date.valueOf(to));
        return new Workload(from, to, loads(byBlock, blocks), loads(byExecutor, executorNames));
    }

    private static List<Load> loads(Map<String, long[]> counts, Map<String, String> names) {
        return counts.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[2] > 0)
                .map(e -> new Load(e.getKey().isEmpty() ? null : e.getKey(), e.getKey().isEmpty() ? null : names.getOrDefault(e.getKey(), e.getKey()),
                        e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .sorted(java.util.Comparator.comparingLong((Load l) -> -l.open()).thenComparing(l -> l.code() == null ? "" : l.code())).toList();
    }

    /**
     * Where problems concentrate: messages received in the period by category and territory (from the
     * facts), per 10,000 of the municipality's inhabitants (the templates give no territory's population).
     */
    @Transactional(readOnly = true)
    public HeatMap heatMap(TenantConfiguration config, LocalDate from, LocalDate to) {
        Integer population = config.population();
        Map<String, String> categories = Names.categories(config);
        Map<String, String> territories = Names.territories(config);
        Span span = new Span(from, to);
        List<Cell> cells = jdbc.query("select category, territory, sum(received) as received from " + span.rows("category, territory, received",
                        "category_territory_monthly", "category, territory, 1 as received", "message_facts", "received_day")
                        + " c group by category, territory having sum(received) > 0 order by received desc, category, territory",
                (rs, n) -> new Cell(rs.getString("category"), rs.getString("territory"), rs.getLong("received"),
                        population == null || population == 0 ? null : round(rs.getLong("received") * 10_000.0 / population)),
                span.args());
        return new HeatMap(from, to, population, totals(cells, Cell::category, categories), totals(cells, Cell::territory, territories), cells);
    }

    /**
     * Where the period's messages were, from the messages' own coordinates (the facts keep none): no
     * message, text or person, only a place, a category and a count.
     */
    @Transactional(readOnly = true)
    public MapPlaces places(TenantConfiguration config, LocalDate from, LocalDate to) {
        Map<String, String> categories = Names.categories(config);
        Timestamp start = Timestamp.from(from.atStartOfDay(config.zone()).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(config.zone()).toInstant());
        // Two counts, each from an index alone (message_by_received, message_located), not one pass over the period's rows.
        long[] counts = jdbc.queryForObject("select (select count(*) from message where received_at >= ? and received_at < ?) as received, "
                        + "(select count(*) from message where received_at >= ? and received_at < ? and latitude is not null and longitude is not null) as located",
                (rs, n) -> new long[] {rs.getLong("received"), rs.getLong("located")}, start, end, start, end);
        List<MapPlace> places = jdbc.query("select round(latitude::numeric, 3) as lat, round(longitude::numeric, 3) as lon, coalesce(category, '') as category, "
                        + "count(*) as received from message where received_at >= ? and received_at < ? and latitude is not null and longitude is not null "
                        + "group by 1, 2, 3 order by received desc, lat, lon, category limit ?",
                (rs, n) -> {
                    String category = rs.getString("category");
                    return new MapPlace(rs.getDouble("lat"), rs.getDouble("lon"), category.isEmpty() ? null : category,
                            category.isEmpty() ? null : categories.getOrDefault(category, category), rs.getLong("received"));
                }, start, end, MOST_POINTS + 1);
        boolean truncated = places.size() > MOST_POINTS;
        return new MapPlaces(from, to, counts[1], counts[0], truncated, truncated ? places.subList(0, MOST_POINTS) : places);
    }

    /** Each code of one axis with its name and its messages across the other axis, most first. */
    private static List<Slice> totals(List<Cell> cells, Function<Cell, String> axis, Map<String, String> names) {
        Map<String, Long> sums = new java.util.LinkedHashMap<>();
        cells.forEach(c -> sums.merge(axis.apply(c), c.received(), Long::sum));
        return sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Slice(e.getKey(), e.getKey().isEmpty() ? null : names.getOrDefault(e.getKey(), e.getKey()), e.getValue(), 0, null, null))
                .toList();
    }

    /** What the daily counts cannot give: the medians (from the facts) and the repeated messages (from the category × territory counts). */
    private record FromFacts(Double medianHours, Double medianWorkingHours, long repeated, long placed) {
        static final FromFacts NONE = new FromFacts(null, null, 0, 0);
    }

    /**
     * The medians and the repeated messages of a period, from the rollups and the facts of its edge days:
     * the time to answer's histogram (exact minutes below 1,000, three significant digits above), and
     * the messages by category and territory.
     */
    private FromFacts fromFacts(Span span) {
        Map<String, java.util.TreeMap<Integer, Long>> histograms = new java.util.HashMap<>();
        jdbc.query("select clock, bucket, sum(n) as n from " + span.rows("clock, bucket, answered as n", "answer_histogram",
                        "c.clock, answer_bucket(case when c.clock = 'wall' then answer_minutes else answer_working_minutes end) as bucket, 1 as n",
                        "message_facts cross join (values ('wall'), ('working')) as c (clock)", "answered_day")
                        + " h where bucket is not null group by clock, bucket having sum(n) > 0",
                rs -> { histograms.computeIfAbsent(rs.getString("clock"), k -> new java.util.TreeMap<>()).merge(rs.getInt("bucket"), rs.getLong("n"), Long::sum); },
                span.args());
        // Repeated: every message of a category and territory after the first in the period.
        long[] repeated = jdbc.queryForObject("select coalesce(sum(n - 1), 0) as repeated, coalesce(sum(n), 0) as placed from (select sum(received) as n from "
                        + span.rows("category, territory, received", "category_territory_monthly", "category, territory, 1 as received", "message_facts",
                        "received_day") + " c where category <> '' and territory <> '' group by category, territory having sum(received) > 0) g",
                (rs, n) -> new long[] {rs.getLong("repeated"), rs.getLong("placed")}, span.args());
        return new FromFacts(hours(median(histograms.get("wall"))), hours(median(histograms.get("working"))), repeated[0], repeated[1]);
    }

    /** The median of counted values, as percentile_cont(0.5) takes it: the middle one, or the mean of the middle two. */
    static Double median(java.util.NavigableMap<Integer, Long> counts) {
        if (counts == null || counts.isEmpty()) {
            return null;
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long lower = (total - 1) / 2;
        long upper = total / 2;
        Integer atLower = null;
        Integer atUpper = null;
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            long next = seen + e.getValue();
            if (atLower == null && lower < next) {
                atLower = e.getKey();
            }
            if (upper < next) {
                atUpper = e.getKey();
                break;
            }
            seen = next;
        }
        return (atLower + atUpper) / 2.0;
    }

    private static Measures measures(ResultSet rs, Integer population, FromFacts facts) throws SQLException {
        long received = rs.getLong("received");
        long answered = rs.getLong("answered");
        long onTime = rs.getLong("on_time");
        long late = rs.getLong("late");
        long firstReplied = rs.getLong("first_replied");
        long checked = rs.getLong("satisfaction_checked");
        long accepted = rs.getLong("accepted");
        long reopened = rs.getLong("reopened");
        return new Measures(received, population == null || population == 0 ? null : round(received * 10_000.0 / population), answered, onTime,
                late, share(onTime, onTime + late), share(late, onTime + late), hours(rs.getLong("answer_minutes"), answered), facts.medianHours(),
                hours(rs.getLong("answer_working_minutes"), answered), facts.medianWorkingHours(), firstReplied,
                hours(rs.getLong("first_reply_minutes"), firstReplied), hours(rs.getLong("first_reply_working_minutes"), firstReplied),
                rs.getLong("resolved"), rs.getLong("explained"), checked, accepted, share(accepted, checked), reopened, share(reopened, answered),
                facts.repeated(), share(facts.repeated(), facts.placed()), rs.getLong("rated"),
                rs.getLong("rated") == 0 ? null : round(rs.getLong("rating_sum") / (double) rs.getLong("rated")));
    }

    /** The open messages as they are now (a count over the open ones, which the message table indexes). */
    private Backlog backlog(Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp d1 = Timestamp.from(now.minus(1, ChronoUnit.DAYS));
        Timestamp d3 = Timestamp.from(now.minus(3, ChronoUnit.DAYS));
        Timestamp d7 = Timestamp.from(now.minus(7, ChronoUnit.DAYS));
        Timestamp d30 = Timestamp.from(now.minus(30, ChronoUnit.DAYS));
        return jdbc.queryForObject("""
                select count(*) as open,
                       count(*) filter (where paused_at is null and due_at < ? and due_kind is distinct from 'satisfaction-window') as overdue,
                       count(*) filter (where received_at >= ?) as d1,
                       count(*) filter (where received_at < ? and received_at >= ?) as d3,
                       count(*) filter (where received_at < ? and received_at >= ?) as d7,
                       count(*) filter (where received_at < ? and received_at >= ?) as d30,
                       count(*) filter (where received_at < ?) as older
                from message where not final""", (rs, n) -> new Backlog(rs.getLong("open"), rs.getLong("overdue"), rs.getLong("d1"),
                rs.getLong("d3"), rs.getLong("d7"), rs.getLong("d30"), rs.getLong("older")), at, d1, d1, d3, d3, d7, d7, d30, d30);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : round(part / (double) whole);
    }

    private static Double hours(Double minutes) {
        return minutes == null ? null : round(minutes / 60.0);
    }

    private static Double hours(long minutes, long count) {
        return count == 0 ? null : round(minutes / 60.0 / count);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
