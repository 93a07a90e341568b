package ru.mcu.core.analytics;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.mcu.core.message.MessagesReceived;
import ru.mcu.core.message.StepTaken;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Keeps the facts and the counts as messages change. Messages taken in (in batches of hundreds by
 * the machine API, thousands by an import) go to the outbox in intake's own transaction, one
 * statement, and the {@link AnalyticsOutbox} folds them in as soon as that commits; a step taken on a
 * message (which may answer it, reopen it, move it) is counted in the step's own transaction, under
 * the municipality's analytics lock, so a dashboard opened after it shows it. Deadlines moved by an
 * extension, a pause or a calendar change do not change what is counted.
 * {@code mcu.analytics.upkeep=false} turns it off, for the benchmark that weighs intake with and
 * without it; nothing else should.
 */
@Component
@ConditionalOnProperty(name = "mcu.analytics.upkeep", havingValue = "true", matchIfMissing = true)
class FactsUpkeep {
    private final Facts facts;
    private final TenantStatuses tenants;
    private final JdbcTemplate jdbc;
    private final AnalyticsOutbox outbox;

    FactsUpkeep(Facts facts, TenantStatuses tenants, JdbcTemplate jdbc, AnalyticsOutbox outbox) {
        this.facts = facts;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @EventListener
    void on(MessagesReceived received) {
        CurrentTenant.requireSame(received.tenant());
        String tenant = received.tenant();
        UUID[] ids = received.arrivals().stream().map(MessagesReceived.Arrival::messageId).toArray(UUID[]::new);
        jdbc.update("insert into analytics_outbox (tenant_id, message_id) select current_tenant(), unnest(?::uuid[]) on conflict do nothing",
                (Object) ids);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                outbox.drainSoon(tenant);
            }
        });
    }

    /** After the step's audit entry is written (MessageHistory, order 0): the facts read who answered and the rating from it. */
    @EventListener
    @org.springframework.core.annotation.Order(1)
    void on(StepTaken step) {
        CurrentTenant.requireSame(step.tenant());
        AnalyticsOutbox.lock(jdbc);
        facts.refresh(List.of(step.messageId()), tenants.current());
    }
}
