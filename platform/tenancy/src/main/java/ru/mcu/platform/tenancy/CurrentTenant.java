package ru.mcu.platform.tenancy;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The municipality (tenant) the current work is done for. It is bound for the extent of a call
 * (a {@link ScopedValue}), so it can never leak from one request to the next on a pooled thread;
 * async work binds it again explicitly from its event or job.
 */
public final class CurrentTenant {
    private static final ScopedValue<String> TENANT = ScopedValue.newInstance();

    private CurrentTenant() {
    }

    public static Optional<String> get() {
        return TENANT.isBound() ? Optional.of(TENANT.get()) : Optional.empty();
    }

    /** The tenant; there is no default, so work without one fails here instead of reading anyone's data. */
    public static String required() {
        return get().orElseThrow(() -> new MissingTenantException("No tenant is bound to this work"));
    }

    public static <T> T call(String tenantId, Callable<T> work) throws Exception {
        TenantIds.requireValid(tenantId);
        return ScopedValue.where(TENANT, tenantId).call(work::call);
    }

    public static void run(String tenantId, Runnable work) {
        TenantIds.requireValid(tenantId);
        ScopedValue.where(TENANT, tenantId).run(work);
    }
}
