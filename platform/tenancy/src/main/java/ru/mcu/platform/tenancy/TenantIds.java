package ru.mcu.platform.tenancy;

import java.util.regex.Pattern;

/** A tenant id is the municipality's slug, which is also its Keycloak organization's alias. */
public final class TenantIds {
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    private TenantIds() {
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && SLUG.matcher(tenantId).matches();
    }

    public static String requireValid(String tenantId) {
        if (!isValid(tenantId)) {
            throw new IllegalArgumentException("Not a tenant id (a lowercase slug): " + tenantId);
        }
        return tenantId;
    }
}
