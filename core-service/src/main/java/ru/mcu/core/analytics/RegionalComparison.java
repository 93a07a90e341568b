package ru.mcu.core.analytics;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.tenant.Names;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * The regional ЦУР's view: its municipalities side by side, from regional_daily only (counts per
 * municipality and day, nothing about a message or a person). Its transaction names the regions
 * the caller may see and no municipality, so the database shows it those regions' rows and no row
 * of any municipality's own tables.
 */
@Service
public class RegionalComparison {
    /** Every region: the federal methodologist's scope. */
    public static final String ALL_REGIONS = "*";

    /** A municipality's or a region's figures over a period. */
    public record Figures(long received, Double receivedPer10k, long answered, Double onTimeShare, Double meanAnswerHours,
                                      Double meanAnswerWorkingHours, Double meanFirstReplyHours, Double resolvedShare, Double acceptedShare,
                                      Double reopenedShare, Double meanRating) {
    }

    /** A place by one measure, in the period and in the one before (none: no figure). */
    public record Rank(Integer place, Integer previousPlace) {
    }

    /**
     * One municipality: its figures now and before, its place in its region by the share answered on
     * time ({@code place}), and by each ranked measure ({@code ranks}, keyed by the figure's name).
     */
    public record ComparedMunicipality(String region, String slug, String name, Integer population, Figures current, Figures previous, Integer place,
                               Integer previousPlace, Map<String, Rank> ranks) {
    }

    /** The measures municipalities are ranked by, and whether more is better. */
    private enum Ranked {
        ON_TIME("onTimeShare", true, Figures::onTimeShare),
        MEAN_ANSWER("meanAnswerHours", false, Figures::meanAnswerHours),
        RESOLVED("resolvedShare", true, Figures::resolvedShare),
        ACCEPTED("acceptedShare", true, Figures::acceptedShare),
        REOPENED("reopenedShare", false, Figures::reopenedShare),
        RATING("meanRating", true, Figures::meanRating);

        final String figure;
        final boolean moreIsBetter;
        final Function<Figures, Double> value;

        Ranked(String figure, boolean moreIsBetter, Function<Figures, Double> value) {
            this.figure = figure;
            this.moreIsBetter = moreIsBetter;
            this.value = value;
        }
    }

    /** The columns summed, in the order {@link #figures} reads them. */
    private static final List<String> SUMMED = List.of("received", "answered", "answered_on_time", "answered_late", "answer_minutes", "resolved",
            "explained", "first_replied", "first_reply_minutes", "answer_working_minutes", "satisfaction_checked", "accepted", "reopened", "rated",
            "rating_sum");

    public record Comparison(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, List<String> regions,
                             List<ComparedMunicipality> municipalities) {
    }

    /**
     * One region: its municipalities' counts summed ({@code municipalities}: how many have any count in
     * either period), its place among the regions by the share answered on time and by each ranked
     * measure. Per 10,000 inhabitants counts the messages of the municipalities whose template gives a
     * population, over their population ({@code population}).
     */
    public record ComparedRegion(String region, String name, int municipalities, Long population, Figures current, Figures previous,
                                 Integer place, Integer previousPlace, Map<String, Rank> ranks) {
    }

    public record RegionsComparison(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, List<ComparedRegion> regions) {
    }

    /** One month's messages of one category (code, and its name in the municipality's template). */
    public record CategoryMonth(LocalDate month, String category, String name, long received) {
    }

    /** A municipality's categories over time: months (first days) from the period's first to its last. */
    public record Categories(String slug, String name, LocalDate from, LocalDate to, List<CategoryMonth> months) {
    }

    private final JdbcTemplate jdbc;
    private final TenantStatuses tenants;

    RegionalComparison(JdbcTemplate jdbc, TenantStatuses tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    /** {@code regions}: the codes the caller may see, or {@link #ALL_REGIONS}. */
    @Transactional(readOnly = true)
    public Comparison compare(Collection<String> regions, LocalDate from, LocalDate to) {
        Period period = read(regions, from, to);
        List<ComparedMunicipality> rows = new ArrayList<>();
        for (String key : period.keys()) {
            String slug = slug(key);
            TenantConfiguration config = period.configs().get(slug);
            Integer population = config == null ? null : config.population();
            rows.add(new ComparedMunicipality(region(key), slug, config == null ? slug : config.name(), population,
                    figures(period.now(key), population), figures(period.before(key), population), null, null, Map.of()));
        }
        Map<String, Map<String, Rank>> ranks = ranks(rows, ComparedMunicipality::slug, ComparedMunicipality::region, ComparedMunicipality::current,
                ComparedMunicipality::previous);
        return new Comparison(from, to, period.previousFrom(), period.previousTo(), List.copyOf(regions), rows.stream()
                .map(m -> {
                    Rank onTime = ranks.get(m.slug()).get(Ranked.ON_TIME.figure);
                    return new ComparedMunicipality(m.region(), m.slug(), m.name(), m.population(), m.current(), m.previous(), onTime.place(),
                            onTime.previousPlace(), ranks.get(m.slug()));
                })
                .sorted(Comparator.comparing(ComparedMunicipality::region).thenComparing(m -> m.place() == null ? Integer.MAX_VALUE : m.place())
                        .thenComparing(ComparedMunicipality::slug)).toList());
    }

    /**
     * The regions side by side (the methodologist's first view of the country: 85 rows, not 2,327),
     * each the sum of its municipalities' counts, ranked among the regions shown.
     */
    @Transactional(readOnly = true)
    public RegionsComparison compareRegions(Collection<String> regions, LocalDate from, LocalDate to) {
        Period period = read(regions, from, to);
        Map<String, RegionSums> byRegion = new java.util.TreeMap<>();
        for (String key : period.keys()) {
            byRegion.computeIfAbsent(region(key), r -> new RegionSums()).add(period.now(key), period.before(key), period.configs().get(slug(key)));
        }
        List<ComparedRegion> rows = new ArrayList<>();
        byRegion.forEach((region, sums) -> {
            Long population = sums.population == 0 ? null : sums.population;
            rows.add(new ComparedRegion(region, sums.name != null ? sums.name : region, sums.municipalities, population,
                    figures(sums.now, sums.receivedNowCounted, population), figures(sums.before, sums.receivedBeforeCounted, population),
                    null, null, Map.of()));
        });
        Map<String, Map<String, Rank>> ranks = ranks(rows, ComparedRegion::region, r -> "", ComparedRegion::current, ComparedRegion::previous);
        return new RegionsComparison(from, to, period.previousFrom(), period.previousTo(), rows.stream()
                .map(r -> {
                    Rank onTime = ranks.get(r.region()).get(Ranked.ON_TIME.figure);
                    return new ComparedRegion(r.region(), r.name(), r.municipalities(), r.population(), r.current(), r.previous(), onTime.place(),
                            onTime.previousPlace(), ranks.get(r.region()));
                })
                .sorted(Comparator.comparing((ComparedRegion r) -> r.place() == null ? Integer.MAX_VALUE : r.place()).thenComparing(ComparedRegion::region))
                .toList());
    }

    /** A period's sums and the one's before, per region|municipality, with the municipalities' configurations. */
    private record Period(LocalDate previousFrom, LocalDate previousTo, Map<String, long[]> nowSums, Map<String, long[]> beforeSums,
                          java.util.Set<String> keys, Map<String, TenantConfiguration> configs) {
        long[] now(String key) {
            return nowSums.getOrDefault(key, new long[SUMMED.size()]);
        }

        long[] before(String key) {
            return beforeSums.getOrDefault(key, new long[SUMMED.size()]);
        }
    }

    /**
     * One region's municipalities summed; per 10,000 counts only those whose template gives a
     * population (received now and before of those, over their population).
     */
    private static final class RegionSums {
        final long[] now = new long[SUMMED.size()];
        final long[] before = new long[SUMMED.size()];
        int municipalities;
        String name;
        long population;
        long receivedNowCounted;
        long receivedBeforeCounted;

        void add(long[] now, long[] before, TenantConfiguration config) {
            RegionalComparison.add(this.now, now);
            RegionalComparison.add(this.before, before);
            municipalities++;
            if (config == null) {
                return;
            }
            name = name != null ? name : config.regionName();
            if (config.population() != null && config.population() > 0) {
                population += config.population();
                receivedNowCounted += now[0];
                receivedBeforeCounted += before[0];
            }
        }
    }

    private Period read(Collection<String> regions, LocalDate from, LocalDate to) {
        if (CurrentTenant.get().isPresent()) {
            throw new IllegalStateException("The region's view is read outside any municipality");
        }
        jdbc.queryForObject("select set_config('app.regions', ?, true)", String.class, String.join(",", regions));
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(days - 1);
        Map<String, long[]> now = sums(from, to, regions);
        Map<String, long[]> before = sums(previousFrom, previousTo, regions);
        java.util.Set<String> keys = new java.util.TreeSet<>(now.keySet());
        keys.addAll(before.keySet());
        return new Period(previousFrom, previousTo, now, before, keys, tenants.configurations(keys.stream().map(RegionalComparison::slug).toList()));
    }

    private static String region(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static String slug(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    private static void add(long[] into, long[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }

    /**
     * One municipality's messages by month and category, read as the region's view reads: outside any
     * municipality, through the caller's regions, so a municipality of another region gives nothing.
     */
    @Transactional(readOnly = true)
    public Categories categories(Collection<String> regions, TenantConfiguration municipality, LocalDate from, LocalDate to) {
        if (CurrentTenant.get().isPresent()) {
            throw new IllegalStateException("The region's view is read outside any municipality");
        }
        jdbc.queryForObject("select set_config('app.regions', ?, true)", String.class, String.join(",", regions));
        Map<String, String> names = Names.categories(municipality);
        // The region leads the table's key: named, the rows are one index range (by the municipality alone, every region's were read).
        List<CategoryMonth> months = jdbc.query("select month, category, sum(received) as received from regional_categories where region_code = ? "
                        + "and tenant_id = ? and month between ? and ? group by month, category having sum(received) <> 0 order by month, received desc, category",
                (rs, n) -> {
                    String code = rs.getString("category");
                    return new CategoryMonth(rs.getDate("month").toLocalDate(), code.isEmpty() ? null : code,
                            code.isEmpty() ? null : names.getOrDefault(code, code), rs.getLong("received"));
                }, municipality.regionCode(), municipality.slug(), Date.valueOf(from.withDayOfMonth(1)), Date.valueOf(to));
        return new Categories(municipality.slug(), municipality.name(), from, to, months);
    }

    /** region|municipality → the {@link #SUMMED} columns' sums. */
    private Map<String, long[]> sums(LocalDate from, LocalDate to, Collection<String> regions) {
        Map<String, long[]> sums = new HashMap<>();
        Span span = new Span(from, to);
        // The policies already keep other regions out; said in the query too, the regions are an index range, not a filter
        // after every region's rows are read (the planner cannot see through the policies' OR with the municipal one).
        boolean all = regions.contains(ALL_REGIONS);
        Object[] args = all ? span.args() : span.args((Object) regions.toArray(String[]::new));
        jdbc.query("select region_code, tenant_id, " + String.join(", ", SUMMED.stream().map(c -> "sum(" + c + ") as " + c).toList())
                + " from " + span.rows("region_code, tenant_id, " + String.join(", ", SUMMED), "regional_monthly", "regional_daily", "day")
                + " r" + (all ? "" : " where region_code = any (?)") + " group by region_code, tenant_id", rs -> {
            long[] row = new long[SUMMED.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getLong(SUMMED.get(i));
            }
            sums.put(rs.getString("region_code") + "|" + rs.getString("tenant_id"), row);
        }, args);
        return sums;
    }

    private static Figures figures(long[] s, Integer population) {
        return figures(s, s[0], population == null ? null : population.longValue());
    }

    /** The figures of the sums {@code s}; per 10,000 inhabitants is {@code perCapitaReceived} over {@code population} (none: no figure). */
    private static Figures figures(long[] s, long perCapitaReceived, Long population) {
        return new Figures(s[0], population == null || population == 0 ? null : round(perCapitaReceived * 10_000.0 / population), s[1],
                share(s[2], s[2] + s[3]), s[1] == 0 ? null : round(s[4] / 60.0 / s[1]), s[1] == 0 ? null : round(s[9] / 60.0 / s[1]),
                s[7] == 0 ? null : round(s[8] / 60.0 / s[7]), share(s[5], s[5] + s[6]), share(s[11], s[10]), share(s[12], s[1]),
                s[13] == 0 ? null : round(s[14] / (double) s[13]));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : round(part / (double) whole);
    }

    /**
     * Each row's places by each ranked measure within its group (a region's municipalities; the regions
     * among themselves), best first, now and before; equal figures share a place, no figure has none.
     */
    private static <T> Map<String, Map<String, Rank>> ranks(List<T> rows, Function<T, String> key, Function<T, String> group,
                                                          Function<T, Figures> current, Function<T, Figures> previous) {
        Map<String, Map<String, Rank>> ranks = new HashMap<>();
        rows.forEach(row -> ranks.put(key.apply(row), new java.util.LinkedHashMap<>()));
        for (Ranked measure : Ranked.values()) {
            Function<Double, Double> better = v -> v == null ? null : measure.moreIsBetter ? v : -v;
            Map<String, Integer> now = places(rows, key, group, row -> better.apply(measure.value.apply(current.apply(row))));
            Map<String, Integer> before = places(rows, key, group, row -> better.apply(measure.value.apply(previous.apply(row))));
            rows.forEach(row -> ranks.get(key.apply(row)).put(measure.figure, new Rank(now.get(key.apply(row)), before.get(key.apply(row)))));
        }
        return ranks;
    }

    private static <T> Map<String, Integer> places(List<T> rows, Function<T, String> key, Function<T, String> group, Function<T, Double> score) {
        Map<String, Integer> places = new HashMap<>();
        Map<String, List<T>> byGroup = new HashMap<>();
        rows.forEach(row -> byGroup.computeIfAbsent(group.apply(row), g -> new ArrayList<>()).add(row));
        byGroup.values().forEach(list -> {
            List<T> rated = list.stream().filter(row -> score.apply(row) != null)
                    .sorted(Comparator.comparing((T row) -> -score.apply(row)).thenComparing(key)).toList();
            for (int i = 0; i < rated.size(); i++) {
                places.put(key.apply(rated.get(i)), i > 0 && score.apply(rated.get(i)).equals(score.apply(rated.get(i - 1)))
                        ? places.get(key.apply(rated.get(i - 1))) : i + 1);
            }
        });
        return places;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
