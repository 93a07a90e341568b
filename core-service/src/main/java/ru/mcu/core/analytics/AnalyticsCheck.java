package ru.mcu.core.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Checks, for each municipality, that the daily counts equal what the facts derived anew from every
 * message give, and reports each row that differs. Messages with no facts yet (taken in before the
 * counts existed) get theirs first, the ordinary way, and so do messages whose kept facts are not
 * what they derive to now (an upgrade that added a fact); both are counted in the result. A
 * difference in the counts after that is a bug to find, so it is reported (logged with the rows),
 * not silently rewritten.
 */
@Component
class AnalyticsCheck {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsCheck.class);

    /** One municipality's check: messages, those given facts now, and the daily rows that differ from the derivation. */
    record Result(String tenant, long messages, int factsAdded, int factsRefreshed, List<String> differences) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Facts facts;
    private final TenantStatuses tenants;

    AnalyticsCheck(JdbcTemplate jdbc, TransactionTemplate tx, Facts facts, TenantStatuses tenants) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.facts = facts;
        this.tenants = tenants;
    }

    @Scheduled(fixedDelayString = "${mcu.analytics.check-every:PT6H}", initialDelayString = "${mcu.analytics.check-initial-delay:PT2M}")
    void checkAll() {
        for (String tenant : tenants.known()) {
            try {
                CurrentTenant.call(tenant, () -> check(tenants.configuration(tenant).orElseThrow()));
            } catch (Exception e) {
                log.warn("Analytics check of {} failed: {}", tenant, e.getMessage());
            }
        }
    }

    /** Checks the current municipality (bound by the caller). */
    Result check(TenantConfiguration config) {
        int added = 0;
        for (List<UUID> batch = missing(); !batch.isEmpty(); batch = missing()) {
            List<UUID> ids = batch;
            tx.executeWithoutResult(status -> {
                AnalyticsOutbox.lock(jdbc);
                facts.refresh(ids, config);
            });
            added += ids.size();
        }
        int factsAdded = added;
        List<UUID> stale = tx.execute(status -> facts.stale(facts.deriveAll(config)));
        for (int i = 0; i < stale.size(); i += 1000) {
            List<UUID> ids = stale.subList(i, Math.min(stale.size(), i + 1000));
            tx.executeWithoutResult(status -> {
                AnalyticsOutbox.lock(jdbc);
                facts.refresh(ids, config);
            });
        }
        Result checked = tx.execute(status -> {
            // Under the lock, nothing is being counted meanwhile; what is still queued is not counted yet, and not expected.
            AnalyticsOutbox.lock(jdbc);
            Map<Facts.Key, long[]> expected = new TreeMap<>();
            List<Facts.Fact> all = facts.deriveCounted(config);
            all.forEach(fact -> Facts.contribute(fact, 1, expected));
            Map<Facts.Key, long[]> actual = new TreeMap<>();
            jdbc.query("select * from analytics_daily", (ResultSet rs) -> {
                actual.put(key(rs), counts(rs));
            });
            List<String> differences = new ArrayList<>();
            java.util.Set<Facts.Key> keys = new java.util.TreeSet<>(expected.keySet());
            keys.addAll(actual.keySet());
            for (Facts.Key key : keys) {
                long[] want = expected.getOrDefault(key, new long[Facts.COUNTERS.size()]);
                long[] have = actual.getOrDefault(key, new long[Facts.COUNTERS.size()]);
                if (!Arrays.equals(want, have)) {
                    differences.add(key + ": " + Facts.COUNTERS + " expected " + Arrays.toString(want) + ", kept " + Arrays.toString(have));
                }
            }
            // The region's view of this municipality: the same counts by day, under its region.
            Map<LocalDate, long[]> regional = new TreeMap<>();
            jdbc.query("select * from regional_daily", (ResultSet rs) -> {
                String region = rs.getString("region_code");
                long[] counts = new long[Facts.REGIONAL.length];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = rs.getLong(Facts.COUNTERS.get(Facts.REGIONAL[i]));
                }
                if (!region.equals(config.regionCode())) {
                    differences.add("regional row under region " + region + " instead of " + config.regionCode() + " on " + rs.getDate("day"));
                }
                regional.merge(rs.getDate("day").toLocalDate(), counts, (a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                    return a;
                });
            });
            Map<LocalDate, long[]> wanted = Facts.byDay(expected);
            java.util.Set<LocalDate> days = new java.util.TreeSet<>(wanted.keySet());
            days.addAll(regional.keySet());
            for (LocalDate day : days) {
                long[] want = wanted.getOrDefault(day, new long[Facts.REGIONAL.length]);
                long[] have = regional.getOrDefault(day, new long[Facts.REGIONAL.length]);
                if (!Arrays.equals(want, have)) {
                    differences.add("regional " + day + ": expected " + Arrays.toString(want) + ", kept " + Arrays.toString(have));
                }
            }
            // And the region's categories over time: the messages by month and category, under its region.
            Map<Facts.CategoryMonth, Long> wantedCategories = new TreeMap<>();
            all.forEach(fact -> wantedCategories.merge(Facts.CategoryMonth.of(fact), 1L, Long::sum));
            Map<Facts.CategoryMonth, Long> keptCategories = new TreeMap<>();
            jdbc.query("select * from regional_categories", (ResultSet rs) -> {
                if (!rs.getString("region_code").equals(config.regionCode())) {
                    differences.add("regional category row under region " + rs.getString("region_code") + " instead of " + config.regionCode());
                }
                keptCategories.merge(new Facts.CategoryMonth(rs.getDate("month").toLocalDate(), rs.getString("category")), rs.getLong("received"),
                        Long::sum);
            });
            java.util.Set<Facts.CategoryMonth> months = new java.util.TreeSet<>(wantedCategories.keySet());
            months.addAll(keptCategories.keySet());
            for (Facts.CategoryMonth month : months) {
                long want = wantedCategories.getOrDefault(month, 0L);
                long have = keptCategories.getOrDefault(month, 0L);
                if (want != have) {
                    differences.add("regional categories " + month + ": expected " + want + ", kept " + have);
                }
            }
            rollups(config, all, expected, differences);
            return new Result(config.slug(), all.size(), factsAdded, stale.size(), differences);
        });
        if (!checked.differences().isEmpty()) {
            log.error("Analytics of {} differ from the messages in {} rows; first: {}", checked.tenant(), checked.differences().size(),
                    checked.differences().subList(0, Math.min(5, checked.differences().size())));
        } else if (added > 0 || !stale.isEmpty()) {
            log.info("Analytics of {}: facts derived for {} messages that had none and anew for {} whose facts were stale", checked.tenant(), added,
                    stale.size());
        }
        return checked;
    }

    /** The coarser copies: each equal to the daily counts (or the facts) folded the same way. */
    private void rollups(TenantConfiguration config, List<Facts.Fact> all, Map<Facts.Key, long[]> expected, List<String> differences) {
        Map<Facts.Key, long[]> months = new TreeMap<>();
        jdbc.query("select * from analytics_monthly", (ResultSet rs) -> {
            months.put(new Facts.Key(rs.getDate("month").toLocalDate(), rs.getString("channel"), rs.getString("block"), rs.getString("recipient"),
                    rs.getString("territory")), counts(rs));
        });
        compare("monthly", Facts.byMonth(expected), months, Facts.COUNTERS.size(), differences);
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.query("select * from analytics_days", (ResultSet rs) -> {
            days.put(rs.getDate("day").toLocalDate(), counts(rs));
        });
        compare("day totals", Facts.totals(expected), days, Facts.COUNTERS.size(), differences);
        Map<LocalDate, long[]> regionalMonths = new TreeMap<>();
        Facts.byDay(expected).forEach((day, c) -> regionalMonths.merge(day.withDayOfMonth(1), c.clone(), AnalyticsCheck::sum));
        Map<LocalDate, long[]> keptRegionalMonths = new TreeMap<>();
        jdbc.query("select * from regional_monthly", (ResultSet rs) -> {
            long[] c = new long[Facts.REGIONAL.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = rs.getLong(Facts.COUNTERS.get(Facts.REGIONAL[i]));
            }
            if (!rs.getString("region_code").equals(config.regionCode())) {
                differences.add("regional month row under region " + rs.getString("region_code") + " instead of " + config.regionCode());
            }
            keptRegionalMonths.merge(rs.getDate("month").toLocalDate(), c, AnalyticsCheck::sum);
        });
        compare("regional months", regionalMonths, keptRegionalMonths, Facts.REGIONAL.length, differences);
        Map<Facts.Bucket, long[]> buckets = new TreeMap<>();
        Map<Facts.Bucket, Long> fromFacts = new TreeMap<>();
        all.forEach(fact -> Facts.histogram(fact, 1, fromFacts));
        jdbc.query("select * from answer_histogram", (ResultSet rs) -> {
            buckets.put(new Facts.Bucket(rs.getDate("month").toLocalDate(), rs.getString("clock"), rs.getInt("bucket")), new long[] {rs.getLong("answered")});
        });
        compare("answer histogram", single(fromFacts), buckets, 1, differences);
        Map<Facts.Place, Long> places = new TreeMap<>();
        all.forEach(fact -> places.merge(Facts.Place.of(fact), 1L, Long::sum));
        Map<Facts.Place, long[]> keptPlaces = new TreeMap<>();
        jdbc.query("select * from category_territory_monthly", (ResultSet rs) -> {
            keptPlaces.put(new Facts.Place(rs.getDate("month").toLocalDate(), rs.getString("category"), rs.getString("territory")),
                    new long[] {rs.getLong("received")});
        });
        compare("categories × territories", single(places), keptPlaces, 1, differences);
    }

    private static <K> Map<K, long[]> single(Map<K, Long> counts) {
        Map<K, long[]> rows = new TreeMap<>();
        counts.forEach((k, n) -> rows.put(k, new long[] {n}));
        return rows;
    }

    private static long[] sum(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** Each key whose counts differ (a row of zeros and no row are the same). */
    private static <K> void compare(String what, Map<K, long[]> want, Map<K, long[]> have, int width, List<String> differences) {
        java.util.Set<K> keys = new java.util.TreeSet<>(want.keySet());
        keys.addAll(have.keySet());
        for (K key : keys) {
            long[] w = want.getOrDefault(key, new long[width]);
            long[] h = have.getOrDefault(key, new long[width]);
            if (!Arrays.equals(w, h)) {
                differences.add(what + " " + key + ": expected " + Arrays.toString(w) + ", kept " + Arrays.toString(h));
            }
        }
    }

    private List<UUID> missing() {
        return tx.execute(status -> jdbc.queryForList("select m.id from message m where not exists "
                + "(select 1 from message_facts f where f.message_id = m.id) limit 1000", UUID.class));
    }

    private static Facts.Key key(ResultSet rs) throws SQLException {
        LocalDate day = rs.getDate("day").toLocalDate();
        return new Facts.Key(day, rs.getString("channel"), rs.getString("block"), rs.getString("recipient"), rs.getString("territory"));
    }

    private static long[] counts(ResultSet rs) throws SQLException {
        long[] counts = new long[Facts.COUNTERS.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rs.getLong(Facts.COUNTERS.get(i));
        }
        return counts;
    }
}
