package ru.mcu.platform.tenancy;

/** Tenant-owned data was touched with no tenant bound: a programming error, never a default tenant. */
public class MissingTenantException extends IllegalStateException {
    public MissingTenantException(String message) {
        super(message);
    }
}
