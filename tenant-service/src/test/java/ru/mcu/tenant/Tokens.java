package ru.mcu.tenant;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import ru.mcu.platform.tenancy.PlatformToken;
import ru.mcu.platform.tenancy.TenancySecurity;

/** Tokens shaped like Keycloak's, for tenant-service's tests: one place, not a copy per test class. */
public final class Tokens {
    private Tokens() {
    }

    /** The regional operator: a realm role, no municipality. */
    public static RequestPostProcessor operator() {
        return user("operator", List.of(), "regional-operator");
    }

    /** Anyone with these organizations and realm roles, and no municipal role. */
    public static RequestPostProcessor user(String username, List<String> organizations, String... realmRoles) {
        return jwt().jwt(token -> token.claim("preferred_username", username).claim("name", "Имя " + username)
                        .claim("organization", organizations).claim("realm_access", Map.of("roles", List.of(realmRoles))))
                .authorities(TenancySecurity::authorities);
    }

    /** A member of one municipality's staff with roles there («municipality:role» values of mcu_roles). */
    public static RequestPostProcessor staff(String municipality, String username, String... roles) {
        return jwt().jwt(token -> token.claim("preferred_username", username).claim("organization", List.of(municipality))
                        .claim("mcu_roles", Arrays.stream(roles).map(role -> PlatformToken.membershipRole(municipality, role)).toList())
                        .claim("realm_access", Map.of("roles", List.of("municipal-employee"))))
                .authorities(TenancySecurity::authorities);
    }
}
