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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    public record MunicipalityFigures(long received, Double receivedPer10k, long answered, Double onTimeShare, Double meanAnswerHours,
                                      Double meanAnswerWorkingHours, Double meanFirstReplyHours, Double resolvedShare, Double acceptedShare,
                                      Double reopenedShare, Double meanRating) {
    }

    /** A municipality's place in its region by one measure, in the period and in the one before (none: no figure). */
    public record Rank(Integer place, Integer previousPlace) {
    }

    /**
     * One municipality: its figures now and before, its place in its region by the share answered on
     * time ({@code place}), and by each ranked measure ({@code ranks}, keyed by the figure's name).
     */
    public record ComparedMunicipality(String region, String slug, String name, Integer population, MunicipalityFigures current, MunicipalityFigures previous, Integer place,
                               Integer previousPlace, Map<String, Rank> ranks) {
    }

    /** The measures municipalities are ranked by, and whether more is better. */
    private enum Ranked {
        ON_TIME("onTimeShare", true, MunicipalityFigures::onTimeShare),
        MEAN_ANSWER("meanAnswerHours", false, MunicipalityFigures::meanAnswerHours),
        RESOLVED("resolvedShare", true, MunicipalityFigures::resolvedShare),
        ACCEPTED("acceptedShare", true, MunicipalityFigures::acceptedShare),
        REOPENED("reopenedShare", false, MunicipalityFigures::reopenedShare),
        RATING("meanRating", true, MunicipalityFigures::meanRating);

        final String figure;
        final boolean moreIsBetter;
        final java.util.function.Function<MunicipalityFigures, Double> value;

        Ranked(String figure, boolean moreIsBetter, java.util.function.Function<MunicipalityFigures, Double> value) {
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
        if (CurrentTenant.get().isPresent()) {
            throw new IllegalStateException("The region's view is read outside any municipality");
        }
        jdbc.queryForObject("select set_config('app.regions', ?, true)", String.class, String.join(",", regions));
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(days - 1);
        Map<String, long[]> now = sums(from, to);
        Map<String, long[]> before = sums(previousFrom, previousTo);
        java.util.Set<String> keys = new java.util.TreeSet<>(now.keySet());
        keys.addAll(before.keySet());
        List<ComparedMunicipality> rows = new ArrayList<>();
        Map<String, TenantConfiguration> configs = tenants.configurations(keys.stream().map(k -> k.substring(k.indexOf('|') + 1)).toList());
        for (String key : keys) {
            String region = key.substring(0, key.indexOf('|'));
            String slug = key.substring(key.indexOf('|') + 1);
            TenantConfiguration config = configs.get(slug);
            Integer population = config == null ? null : config.population();
            rows.add(new ComparedMunicipality(region, slug, config == null ? slug : config.name(), population,
                    figures(now.getOrDefault(key, new long[SUMMED.size()]), population), figures(before.getOrDefault(key, new long[SUMMED.size()]), population),
                    null, null, Map.of()));
        }
        return new Comparison(from, to, previousFrom, previousTo, List.copyOf(regions), placed(rows));
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
        List<CategoryMonth> months = jdbc.query("select month, category, sum(received) as received from regional_categories where tenant_id = ? "
                        + "and month between ? and ? group by month, category having sum(received) <> 0 order by month, received desc, category",
                (rs, n) -> {
                    String code = rs.getString("category");
                    return new CategoryMonth(rs.getDate("month").toLocalDate(), code.isEmpty() ? null : code,
                            code.isEmpty() ? null : names.getOrDefault(code, code), rs.getLong("received"));
                }, municipality.slug(), Date.valueOf(from.withDayOfMonth(1)), Date.valueOf(to));
        return new Categories(municipality.slug(), municipality.name(), from, to, months);
    }

    /** region|municipality → the {@link #SUMMED} columns' sums. */
    private Map<String, long[]> sums(LocalDate from, LocalDate to) {
        Map<String, long[]> sums = new HashMap<>();
        Span span = new Span(from, to);
        jdbc.query("select region_code, tenant_id, " + String.join(", ", SUMMED.stream().map(c -> "sum(" + c + ") as " + c).toList())
                + " from " + span.rows("region_code, tenant_id, " + String.join(", ", SUMMED), "regional_monthly", "regional_daily", "day")
                + " r group by region_code, tenant_id", rs -> {
            long[] row = new long[SUMMED.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getLong(SUMMED.get(i));
            }
            sums.put(rs.getString("region_code") + "|" + rs.getString("tenant_id"), row);
        }, span.args());
        return sums;
    }

    private static MunicipalityFigures figures(long[] s, Integer population) {
        return new MunicipalityFigures(s[0], population == null || population == 0 ? null : round(s[0] * 10_000.0 / population), s[1],
                share(s[2], s[2] + s[3]), s[1] == 0 ? null : round(s[4] / 60.0 / s[1]), s[1] == 0 ? null : round(s[9] / 60.0 / s[1]),
                s[7] == 0 ? null : round(s[8] / 60.0 / s[7]), share(s[5], s[5] + s[6]), share(s[11], s[10]), share(s[12], s[1]),
                s[13] == 0 ? null : round(s[14] / (double) s[13]));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : round(part / (double) whole);
    }

    /** Places within each region by each ranked measure (best first; none: no place), now and before. */
    private static List<ComparedMunicipality> placed(List<ComparedMunicipality> rows) {
        Map<Ranked, Map<String, Integer>> now = new java.util.EnumMap<>(Ranked.class);
        Map<Ranked, Map<String, Integer>> before = new java.util.EnumMap<>(Ranked.class);
        for (Ranked measure : Ranked.values()) {
            java.util.function.Function<Double, Double> better = v -> v == null ? null : measure.moreIsBetter ? v : -v;
            now.put(measure, places(rows, m -> better.apply(measure.value.apply(m.current()))));
            before.put(measure, places(rows, m -> better.apply(measure.value.apply(m.previous()))));
        }
        return rows.stream().map(m -> {
                    Map<String, Rank> ranks = new java.util.LinkedHashMap<>();
                    for (Ranked measure : Ranked.values()) {
                        ranks.put(measure.figure, new Rank(now.get(measure).get(m.slug()), before.get(measure).get(m.slug())));
                    }
                    return new ComparedMunicipality(m.region(), m.slug(), m.name(), m.population(), m.current(), m.previous(),
                            now.get(Ranked.ON_TIME).get(m.slug()), before.get(Ranked.ON_TIME).get(m.slug()), ranks);
                })
                .sorted(Comparator.comparing(ComparedMunicipality::region).thenComparing(m -> m.place() == null ? Integer.MAX_VALUE : m.place())
                        .thenComparing(ComparedMunicipality::slug)).toList();
    }

    private static Map<String, Integer> places(List<ComparedMunicipality> rows, java.util.function.Function<ComparedMunicipality, Double> score) {
        Map<String, Integer> places = new HashMap<>();
        Map<String, List<ComparedMunicipality>> byRegion = new HashMap<>();
        rows.forEach(m -> byRegion.computeIfAbsent(m.region(), r -> new ArrayList<>()).add(m));
        byRegion.values().forEach(list -> {
            List<ComparedMunicipality> rated = list.stream().filter(m -> score.apply(m) != null)
                    .sorted(Comparator.comparing((ComparedMunicipality m) -> -score.apply(m)).thenComparing(ComparedMunicipality::slug)).toList();
            for (int i = 0; i < rated.size(); i++) {
                places.put(rated.get(i).slug(), i > 0 && score.apply(rated.get(i)).equals(score.apply(rated.get(i - 1)))
                        ? places.get(rated.get(i - 1).slug()) : i + 1);
            }
        });
        return places;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
