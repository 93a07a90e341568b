package ru.mcu.core.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ru.mcu.core.shared.Actor;
import ru.mcu.core.tenant.TenantStatuses;

/** Test fixture: a message taken in by hand into the municipality's first channel, as its staff would. */
final class Registered {
    private Registered() {
    }

    /** Call with the municipality bound (CurrentTenant) and inside or outside a transaction. */
    static UUID message(Intake intake, TenantStatuses tenants, String text) {
        var config = tenants.current();
        String channel = config.channels().keySet().iterator().next();
        return intake.accept(config, List.of(new Incoming(channel, null, null, Instant.now().minusSeconds(5), null, text, null, null, null,
                null, null, null, "message", null, null, null, null)), Actor.staff("test-staff", List.of())).getFirst().id();
    }
}
