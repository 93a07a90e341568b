package ru.mcu.platform.tenancy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What our Keycloak tokens say: the organizations (municipalities) the user belongs to, in the
 * {@code organization} claim, and the realm roles (platform personas) in {@code realm_access}.
 */
public final class PlatformToken {
    public static final String ORGANIZATION_CLAIM = "organization";
    /** The municipal roles of the user's template (user attribute {@code mcu_roles} in Keycloak). */
    public static final String MUNICIPAL_ROLES_CLAIM = "mcu_roles";

    private PlatformToken() {
    }

    /** Organization aliases: the claim is a list of aliases, or a map keyed by alias when ids are added. */
    public static Set<String> organizations(Jwt jwt) {
        Object claim = jwt.getClaims().get(ORGANIZATION_CLAIM);
        Set<String> aliases = new LinkedHashSet<>();
        switch (claim) {
            case null -> { }
            case Map<?, ?> map -> map.keySet().forEach(key -> aliases.add(String.valueOf(key)));
            case Collection<?> list -> list.forEach(value -> aliases.add(String.valueOf(value)));
            default -> aliases.add(String.valueOf(claim));
        }
        return aliases;
    }

    /** The one municipality the token is for, if it names exactly one valid one. */
    public static java.util.Optional<String> singleTenant(Jwt jwt) {
        Set<String> organizations = organizations(jwt);
        if (organizations.size() != 1) {
            return java.util.Optional.empty();
        }
        String tenant = organizations.iterator().next();
        return TenantIds.isValid(tenant) ? java.util.Optional.of(tenant) : java.util.Optional.empty();
    }

    /**
     * The person's roles in the municipality the token is for. Roles belong to a membership, not to
     * the person: each value of {@code mcu_roles} is {@code <municipality>:<role>}, and only those of
     * the token's one organization count, so a person in two municipalities has each one's roles
     * only there. None when the token names no single municipality.
     */
    public static List<String> municipalRoles(Jwt jwt) {
        List<String> values = jwt.getClaimAsStringList(MUNICIPAL_ROLES_CLAIM);
        java.util.Optional<String> tenant = singleTenant(jwt);
        if (values == null || tenant.isEmpty()) {
            return List.of();
        }
        String prefix = tenant.get() + ":";
        return values.stream().filter(value -> value.startsWith(prefix)).map(value -> value.substring(prefix.length()))
                .filter(role -> !role.isEmpty()).distinct().toList();
    }

    /** The {@code mcu_roles} value that gives a role in a municipality. */
    public static String membershipRole(String municipality, String role) {
        return municipality + ":" + role;
    }

    /** The login, as Keycloak states it ({@code preferred_username}), else the subject. */
    public static String username(Jwt jwt) {
        String name = jwt.getClaimAsString("preferred_username");
        return name != null ? name : jwt.getSubject();
    }

    public static List<String> realmRoles(Jwt jwt) {
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
