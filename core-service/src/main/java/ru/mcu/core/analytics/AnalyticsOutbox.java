package ru.mcu.core.analytics;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Folds the messages intake queued into the facts and counts: right after intake's transaction
 * commits, and every second for whatever is left (a queue an instance stopped before draining). One
 * worker at a time per municipality, by a transaction-scoped advisory lock that steps take too, so a
 * message is never counted by two transactions at once; batches of up to a thousand messages, each
 * one transaction that refreshes them and takes them off the queue.
 */
@Component
class AnalyticsOutbox {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsOutbox.class);
    static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Facts facts;
    private final TenantStatuses tenants;
    /** One thread: drains run one after another, and a municipality already waiting for one is not queued twice. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("analytics-outbox").factory());
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    AnalyticsOutbox(JdbcTemplate jdbc, TransactionTemplate tx, Facts facts, TenantStatuses tenants) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.facts = facts;
        this.tenants = tenants;
    }

    /** The municipality's analytics lock, held to the end of the caller's transaction. */
    static void lock(JdbcTemplate jdbc) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('analytics:' || current_tenant()))::text", String.class);
    }

    /** Drains the municipality's queue on the worker thread, soon. */
    void drainSoon(String tenant) {
        if (pending.add(tenant)) {
            worker.execute(() -> {
                pending.remove(tenant);
                drainQuietly(tenant);
            });
        }
    }

    @Scheduled(fixedDelayString = "${mcu.analytics.outbox-every:PT1S}", initialDelayString = "${mcu.analytics.outbox-initial-delay:PT5S}")
    void drainAll() {
        tenants.known().forEach(this::drainSoon);
    }

    private void drainQuietly(String tenant) {
        try {
            CurrentTenant.call(tenant, () -> drain(tenant));
        } catch (Exception e) {
            log.warn("Analytics outbox of {} not drained: {}", tenant, e.getMessage());
        }
    }

    /** Folds the bound municipality's queue in; returns how many messages it took off (0: empty, or another worker holds it). */
    int drain(String tenant) {
        CurrentTenant.requireSame(tenant);
        var config = tenants.configuration(tenant).orElse(null);
        if (config == null) {
            return 0;
        }
        int done = 0;
        while (true) {
            Integer taken = tx.execute(status -> {
                Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtext('analytics:' || current_tenant()))", Boolean.class);
                if (!Boolean.TRUE.equals(locked)) {
                    return -1;
                }
                List<UUID> ids = jdbc.queryForList("select message_id from analytics_outbox order by queued_at limit ?", UUID.class, BATCH);
                if (ids.isEmpty()) {
                    return 0;
                }
                facts.refresh(ids, config);
                jdbc.update("delete from analytics_outbox where message_id = any(?)", (Object) ids.toArray(UUID[]::new));
                return ids.size();
            });
            if (taken == null || taken <= 0) {
                return done;
            }
            done += taken;
        }
    }
}
