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

    /**
     * Work that carries its tenant (an event handled in the transaction that published it) checks it
     * is the bound one: handled under another municipality's tenant, it would write into that one's data.
     */
    public static void requireSame(String tenantId) {
        String bound = required();
        if (!bound.equals(tenantId)) {
            throw new IllegalStateException("Work of tenant " + tenantId + " reached a transaction of tenant " + bound);
        }
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
