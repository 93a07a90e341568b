package ru.mcu.core.analytics;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.tenant.Names;
import ru.mcu.core.tenant.TenantConfiguration;

/**
 * Problems that keep coming back, found in the counts (no text, no person): a category in a territory
 * (or with none given: in a municipality without territories, the category alone) that recurs month after month, grows against the period before, or comes back after messages about
 * it were answered «решено». The candidates for a root cause and a roadmap (docs/analytics.md).
 */
@Service
public class Recurrences {
    /** Months looked back for recurrence, the period's own included. */
    static final int MONTHS = 6;
    /** A cluster recurs when it had messages in at least this many of those months. */
    static final int RECURRING_MONTHS = 3;
    /** Growth that counts: half as many again as the period before. */
    static final double GROWTH = 0.5;
    /** How far before the period a «решено» is looked for. */
    static final int RESOLVED_LOOKBACK_DAYS = 90;
    static final int MOST = 50;

    /** One category in one territory over the period, and why it is surfaced. */
    public record Cluster(String category, String categoryName, String territory, String territoryName, long received, long previous,
                          Double growth, int monthsWithMessages, long resolved, long afterResolved, List<String> reasons) {
    }

    public record Recurring(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, int minimum, List<Cluster> clusters) {
    }

    private final JdbcTemplate jdbc;

    Recurrences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Clusters with at least {@code minimum} messages in the period that recur, grow or came back after «решено». */
    @Transactional(readOnly = true)
    public Recurring of(TenantConfiguration config, LocalDate from, LocalDate to, int minimum) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(days - 1);
        LocalDate firstMonth = to.withDayOfMonth(1).minusMonths(MONTHS - 1);
        Map<String, String> categories = Names.categories(config);
        Map<String, String> territories = Names.territories(config);
        List<Cluster> clusters = new ArrayList<>();
        jdbc.query("""
                with placed as (
                    select category, territory, received_day, answered_day, result from message_facts
                    where received_day between ? and ? and category <> ''),
                now as (select category, territory, count(*) as n from placed where received_day >= ? group by 1, 2 having count(*) >= ?),
                before as (select category, territory, count(*) as n from placed where received_day < ? group by 1, 2),
                resolved as (
                    select category, territory, count(*) as n, min(answered_day) as first_day from message_facts
                    where result = 'resolved' and answered_day between ? and ? and category <> '' group by 1, 2),
                after as (
                    select p.category, p.territory, count(*) as n from placed p join resolved r using (category, territory)
                    where p.received_day >= ? and p.received_day > r.first_day group by 1, 2),
                months as (
                    select category, territory, count(distinct month) as n from category_territory_monthly
                    where month between ? and ? and received > 0 group by 1, 2)
                select now.category, now.territory, now.n as received, coalesce(before.n, 0) as previous, coalesce(months.n, 0) as months,
                       coalesce(resolved.n, 0) as resolved, coalesce(after.n, 0) as after_resolved
                from now left join before using (category, territory) left join resolved using (category, territory)
                         left join after using (category, territory) left join months using (category, territory)""", rs -> {
            long received = rs.getLong("received");
            long previous = rs.getLong("previous");
            int months = rs.getInt("months");
            long after = rs.getLong("after_resolved");
            Double growth = previous == 0 ? null : Math.round((received - previous) * 1000.0 / previous) / 1000.0;
            List<String> reasons = new ArrayList<>();
            if (after > 0) {
                reasons.add("после «решено»: " + after + " из " + received + " пришли, когда проблема уже была отмечена решённой");
            }
            if (growth != null && growth >= GROWTH) {
                reasons.add("рост: " + received + " против " + previous + " за предыдущий период (+" + Math.round(growth * 100) + " %)");
            }
            if (months >= RECURRING_MONTHS) {
                reasons.add("повторяется: сообщения в " + months + " из " + MONTHS + " последних месяцев");
            }
            if (!reasons.isEmpty()) {
                String category = rs.getString("category");
                String territory = rs.getString("territory");
                clusters.add(new Cluster(category, categories.getOrDefault(category, category), territory, territory.isEmpty() ? "территория не указана" : territories.getOrDefault(territory, territory),
                        received, previous, growth, months, rs.getLong("resolved"), after, reasons));
            }
        }, Date.valueOf(previousFrom), Date.valueOf(to), Date.valueOf(from), minimum, Date.valueOf(from),
                Date.valueOf(from.minusDays(RESOLVED_LOOKBACK_DAYS)), Date.valueOf(to), Date.valueOf(from), Date.valueOf(firstMonth), Date.valueOf(to));
        clusters.sort(java.util.Comparator.comparingLong(Cluster::afterResolved).reversed()
                .thenComparing(c -> c.growth() == null ? Double.NEGATIVE_INFINITY : c.growth(), java.util.Comparator.reverseOrder())
                .thenComparing(Cluster::received, java.util.Comparator.reverseOrder()).thenComparing(Cluster::category).thenComparing(Cluster::territory));
        return new Recurring(from, to, previousFrom, previousTo, minimum, clusters.size() > MOST ? clusters.subList(0, MOST) : clusters);
    }
}
