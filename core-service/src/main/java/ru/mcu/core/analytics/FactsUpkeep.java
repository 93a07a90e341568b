package ru.mcu.core.analytics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ru.mcu.core.message.MessagesReceived;
import ru.mcu.core.message.StepTaken;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Keeps the facts and the daily counts in the transaction that changes the messages: a message
 * taken in, a step taken (which may answer it, reopen it, move it to another block or recipient).
 * Deadlines moved by an extension, a pause or a calendar change do not change what is counted.
 * {@code mcu.analytics.upkeep=false} turns it off, for the benchmark that weighs intake with and
 * without it; nothing else should.
 */
@Component
@ConditionalOnProperty(name = "mcu.analytics.upkeep", havingValue = "true", matchIfMissing = true)
class FactsUpkeep {
    private final Facts facts;
    private final TenantStatuses tenants;

    FactsUpkeep(Facts facts, TenantStatuses tenants) {
        this.facts = facts;
        this.tenants = tenants;
    }

    @EventListener
    void on(MessagesReceived received) {
        CurrentTenant.requireSame(received.tenant());
        var config = tenants.current();
        facts.arrived(received.arrivals().stream().map(MessagesReceived.Arrival::messageId).toList(), config);
    }

    @EventListener
    void on(StepTaken step) {
        CurrentTenant.requireSame(step.tenant());
        var config = tenants.current();
        facts.refresh(java.util.List.of(step.messageId()), config);
    }
}
