package ru.mcu.core.message;

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

    /** Roles with message.view see all messages; anyone sees those they execute. */
    public static boolean maySee(Actor actor, TenantConfiguration config, Message message) {
        return config.permissionsOf(actor.roles()).contains("message.view") || actor.name().equals(message.getExecutor());
    }

    /** Personal data only to roles the template grants it to, and to the executor who must contact the citizen. */
    public static boolean maySeePersonalData(Actor actor, TenantConfiguration config, Message message) {
        return config.permissionsOf(actor.roles()).contains("message.view-personal-data") || actor.name().equals(message.getExecutor());
    }
}
