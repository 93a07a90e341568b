package ru.mcu.platform.tenancy;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate's tenant for {@code @TenantId} entities. Hibernate asks on every session, including
 * sessions of platform endpoints that have no tenant: those get a value no row carries, so they
 * read nothing tenant-owned, and row-level security refuses their writes.
 */
final class HibernateTenantResolver implements CurrentTenantIdentifierResolver<String> {
    static final String NO_TENANT = "(no tenant)";

    @Override
    public String resolveCurrentTenantIdentifier() {
        return CurrentTenant.get().orElse(NO_TENANT);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
