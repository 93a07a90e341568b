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

    public record MunicipalityFigures(long received, Double receivedPer10k, long answered, Double onTimeShare, Double meanAnswerHours, Double resolvedShare) {
    }

    /** One municipality: its figures now and before, and its place in its region by the share answered on time. */
    public record ComparedMunicipality(String region, String slug, String name, Integer population, MunicipalityFigures current, MunicipalityFigures previous, Integer place,
                               Integer previousPlace) {
    }

    public record Comparison(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, List<String> regions,
                             List<ComparedMunicipality> municipalities) {
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
        for (String key : keys) {
            String region = key.substring(0, key.indexOf('|'));
            String slug = key.substring(key.indexOf('|') + 1);
            TenantConfiguration config = tenants.configuration(slug).orElse(null);
            Integer population = config == null ? null : config.population();
            rows.add(new ComparedMunicipality(region, slug, config == null ? slug : config.name(), population,
                    figures(now.getOrDefault(key, new long[7]), population), figures(before.getOrDefault(key, new long[7]), population), null, null));
        }
        return new Comparison(from, to, previousFrom, previousTo, List.copyOf(regions), placed(rows));
    }

    /** region|municipality → received, answered, on time, late, answer minutes, resolved, explained. */
    private Map<String, long[]> sums(LocalDate from, LocalDate to) {
        Map<String, long[]> sums = new HashMap<>();
        jdbc.query("select region_code, tenant_id, sum(received) r, sum(answered) a, sum(answered_on_time) t, sum(answered_late) l, "
                + "sum(answer_minutes) m, sum(resolved) s, sum(explained) e from regional_daily where day between ? and ? "
                + "group by region_code, tenant_id", rs -> {
            sums.put(rs.getString("region_code") + "|" + rs.getString("tenant_id"), new long[] {rs.getLong("r"), rs.getLong("a"), rs.getLong("t"),
                    rs.getLong("l"), rs.getLong("m"), rs.getLong("s"), rs.getLong("e")});
        }, Date.valueOf(from), Date.valueOf(to));
        return sums;
    }

    private static MunicipalityFigures figures(long[] s, Integer population) {
        return new MunicipalityFigures(s[0], population == null || population == 0 ? null : round(s[0] * 10_000.0 / population), s[1],
                s[2] + s[3] == 0 ? null : round(s[2] / (double) (s[2] + s[3])), s[1] == 0 ? null : round(s[4] / 60.0 / s[1]),
                s[5] + s[6] == 0 ? null : round(s[5] / (double) (s[5] + s[6])));
    }

    /** Places within each region by the share answered on time (higher first; none last), now and before. */
    private static List<ComparedMunicipality> placed(List<ComparedMunicipality> rows) {
        Map<String, Integer> now = places(rows, m -> m.current().onTimeShare());
        Map<String, Integer> before = places(rows, m -> m.previous().onTimeShare());
        return rows.stream().map(m -> new ComparedMunicipality(m.region(), m.slug(), m.name(), m.population(), m.current(), m.previous(),
                        now.get(m.slug()), before.get(m.slug())))
                .sorted(Comparator.comparing(ComparedMunicipality::region).thenComparing(m -> m.place() == null ? Integer.MAX_VALUE : m.place())
                        .thenComparing(ComparedMunicipality::slug)).toList();
    }

    private static Map<String, Integer> places(List<ComparedMunicipality> rows, java.util.function.Function<ComparedMunicipality, Double> share) {
        Map<String, Integer> places = new HashMap<>();
        Map<String, List<ComparedMunicipality>> byRegion = new HashMap<>();
        rows.forEach(m -> byRegion.computeIfAbsent(m.region(), r -> new ArrayList<>()).add(m));
        byRegion.values().forEach(list -> {
            List<ComparedMunicipality> rated = list.stream().filter(m -> share.apply(m) != null)
                    .sorted(Comparator.comparing((ComparedMunicipality m) -> -share.apply(m)).thenComparing(ComparedMunicipality::slug)).toList();
            for (int i = 0; i < rated.size(); i++) {
                places.put(rated.get(i).slug(), i > 0 && share.apply(rated.get(i)).equals(share.apply(rated.get(i - 1)))
                        ? places.get(rated.get(i - 1).slug()) : i + 1);
            }
        });
        return places;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
