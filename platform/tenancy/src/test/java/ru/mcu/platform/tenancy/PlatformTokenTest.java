package ru.mcu.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class PlatformTokenTest {
    static Jwt token(Consumer<Map<String, Object>> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("u").issuedAt(Instant.now())
                .claims(claims).build();
    }

    @Test
    void theTenantIsTheOneOrganizationAliasInEitherClaimShape() {
        assertThat(PlatformToken.singleTenant(token(c -> c.put("organization", List.of("ishim"))))).hasValue("ishim");
        // With "add organization id" on, Keycloak writes a map keyed by alias.
        assertThat(PlatformToken.singleTenant(token(c -> c.put("organization", Map.of("ishim", Map.of("id", "42"))))))
                .hasValue("ishim");
    }

    @Test
    void noneSeveralOrAMalformedOrganizationGiveNoTenant() {
        assertThat(PlatformToken.singleTenant(token(c -> c.put("scope", "openid")))).isEmpty();
        assertThat(PlatformToken.singleTenant(token(c -> c.put("organization", List.of())))).isEmpty();
        assertThat(PlatformToken.singleTenant(token(c -> c.put("organization", List.of("ishim", "barnaul"))))).isEmpty();
        assertThat(PlatformToken.singleTenant(token(c -> c.put("organization", List.of("Ishim; drop table"))))).isEmpty();
    }

    @Test
    void municipalRolesAreThoseOfTheTokensOneMunicipalityOnly() {
        var both = token(c -> {
            c.put("organization", List.of("ishim"));
            c.put("mcu_roles", List.of("ishim:secretary", "barnaul:coordinator", "ishim:member", "head"));
        });
        // A role held in Barnaul does not count in Ishim, nor does a value that names no municipality.
        assertThat(PlatformToken.municipalRoles(both)).containsExactly("secretary", "member");
        assertThat(PlatformToken.municipalRoles(token(c -> {
            c.put("organization", List.of("ishim", "barnaul"));
            c.put("mcu_roles", List.of("ishim:secretary"));
        }))).as("no single municipality, no roles").isEmpty();
        assertThat(PlatformToken.membershipRole("ishim", "secretary")).isEqualTo("ishim:secretary");
    }

    @Test
    void realmRolesComeFromRealmAccess() {
        assertThat(PlatformToken.realmRoles(token(c -> c.put("realm_access", Map.of("roles", List.of("regional-operator"))))))
                .containsExactly("regional-operator");
        assertThat(PlatformToken.realmRoles(token(c -> c.put("scope", "openid")))).isEmpty();
    }

    @Test
    void theCurrentTenantExistsOnlyInsideItsScopeAndIsRequiredOutside() throws Exception {
        assertThat(CurrentTenant.get()).isEmpty();
        assertThat(CurrentTenant.call("ishim", CurrentTenant::required)).isEqualTo("ishim");
        assertThat(CurrentTenant.get()).isEmpty();
        assertThatThrownBy(CurrentTenant::required).isInstanceOf(MissingTenantException.class);
        assertThatThrownBy(() -> CurrentTenant.run("Not A Slug", () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
