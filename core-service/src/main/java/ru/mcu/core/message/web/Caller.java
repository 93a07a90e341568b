package ru.mcu.core.message.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import ru.mcu.core.message.Actor;
import ru.mcu.core.message.Message;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.platform.tenancy.PlatformToken;

/** Who calls, from the token: staff with their municipal roles (claim mcu_roles), or a channel connector. */
final class Caller {
    static final String CONNECTOR_ROLE = "channel-connector";

    private Caller() {
    }

    static boolean isConnector(Jwt token) {
        return PlatformToken.realmRoles(token).contains(CONNECTOR_ROLE);
    }

    /** Only roles the municipality's configuration knows count: a stale or foreign role grants nothing. */
    static Actor staff(Jwt token, TenantConfiguration config) {
        List<String> claimed = token.getClaimAsStringList("mcu_roles");
        List<String> roles = claimed == null ? List.of() : claimed.stream().filter(config::hasRole).distinct().toList();
        return Actor.staff(username(token), roles);
    }

    static Actor connector(Jwt token) {
        List<String> channels = token.getClaimAsStringList("mcu_channels");
        String client = token.getClaimAsString("azp") != null ? token.getClaimAsString("azp") : username(token);
        return Actor.connector(client, channels == null ? Set.of() : new LinkedHashSet<>(channels));
    }

    static String username(Jwt token) {
        String name = token.getClaimAsString("preferred_username");
        return name != null ? name : token.getSubject();
    }

    static Set<String> permissions(Actor actor, TenantConfiguration config) {
        return config.permissionsOf(actor.roles());
    }

    static boolean maySee(Actor actor, TenantConfiguration config, Message message) {
        return permissions(actor, config).contains("message.view") || actor.name().equals(message.getExecutor());
    }

    /** Personal data only to roles the template grants it to, and to the executor who must contact the citizen. */
    static boolean maySeePersonalData(Actor actor, TenantConfiguration config, Message message) {
        return permissions(actor, config).contains("message.view-personal-data") || actor.name().equals(message.getExecutor());
    }
}
