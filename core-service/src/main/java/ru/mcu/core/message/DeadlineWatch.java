package ru.mcu.core.message;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * The platform's own round, once a minute, for each active municipality in turn (the tenant bound
 * explicitly): satisfaction windows that passed in silence are accepted, deadlines drawing near and
 * passed are announced ({@link DeadlineApproached}, {@link DeadlinePassed}: notices go out once each),
 * and so is the round's end ({@link DeadlineRoundCompleted}: pending e-mail goes out).
 */
@Component
class DeadlineWatch {
    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

    private final TenantStatuses tenants;
    private final Workflow workflow;
    private final ApplicationEventPublisher events;
    private final MessageRepository repository;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** When each municipality's last round ran; a new instance starts with none and looks at everything once. */
    private final Map<String, Instant> lastRound = new ConcurrentHashMap<>();

    DeadlineWatch(TenantStatuses tenants, Workflow workflow, ApplicationEventPublisher events, MessageRepository repository, JdbcTemplate jdbc,
                  TransactionTemplate tx, Clock clock) {
        this.tenants = tenants;
        this.workflow = workflow;
        this.events = events;
        this.repository = repository;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mcu.deadline-watch.interval:PT1M}", initialDelayString = "${mcu.deadline-watch.initial-delay:PT30S}")
    void round() {
        for (String tenant : tenants.known()) {
            if (!"ACTIVE".equals(tenants.status(tenant).orElse(""))) {
                continue;
            }
            try {
                CurrentTenant.run(tenant, () -> roundOf(tenants.configuration(tenant).orElseThrow(), clock.instant()));
            } catch (RuntimeException e) {
                log.warn("Deadline round of {} failed: {}", tenant, e.getMessage());
            }
        }
    }

    /** One municipality's round at a given moment; returns how many deadlines it found near or passed. */
    int roundOf(TenantConfiguration config, Instant now) {
        workflow.acceptSilent(config, now);
        Integer noticed = tx.execute(status -> {
            // Only what changed since the last round, or whose due date it passed: a backlog of overdue items is not walked every minute.
            Timestamp since = Timestamp.from(lastRound.getOrDefault(config.slug(), Instant.EPOCH));
            List<UUID> due = jdbc.queryForList("select id from message where not final and paused_at is null and due_at < ? "
                    + "and due_kind <> 'satisfaction-window' and (updated_at > ? or due_at > ?)",
                    UUID.class, Timestamp.from(now.plus(MessageSearch.AT_RISK)), since, since);
            int count = 0;
            for (Message message : repository.findAllById(due)) {
                events.publishEvent(message.getDueAt().isBefore(now)
                        ? new DeadlinePassed(CurrentTenant.required(), message.getId(), message.getDueAt(), now)
                        : new DeadlineApproached(CurrentTenant.required(), message.getId(), message.getDueAt(), now));
                count++;
            }
            return count;
        });
        lastRound.put(config.slug(), now);
        events.publishEvent(new DeadlineRoundCompleted(CurrentTenant.required(), now));
        return noticed == null ? 0 : noticed;
    }
}
