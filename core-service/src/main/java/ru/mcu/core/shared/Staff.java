package ru.mcu.core.shared;

import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.platform.tenancy.PlatformToken;

/** The caller as a member of the municipality's staff: their municipal roles and what those roles permit. */
public final class Staff {
    private Staff() {
    }

    /** Only roles the municipality's configuration knows count: a stale or foreign role grants nothing. */
    public static Actor of(Jwt token, TenantConfiguration config) {
        return Actor.staff(PlatformToken.username(token), PlatformToken.municipalRoles(token).stream().filter(config::hasRole).distinct().toList());
    }

    public static Set<String> permissions(Jwt token, TenantConfiguration config) {
        return config.permissionsOf(PlatformToken.municipalRoles(token));
    }

    /** 403, saying who may, unless one of the caller's roles grants one of these permissions. */
    public static void requireAny(Jwt token, TenantConfiguration config, Set<String> anyOf, String detail) {
        if (permissions(token, config).stream().noneMatch(anyOf::contains)) {
            throw new Refusal(403, "role-not-allowed", "Действие не разрешено вашей роли", detail);
        }
    }
}
