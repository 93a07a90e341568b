package ru.mcu.tenant.me.web;

import java.util.List;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.platform.tenancy.PlatformToken;
import ru.mcu.tenant.municipality.MunicipalityRepository;

/** Who the signed-in user is: name, municipality (if any) and roles, as the services see the token. */
@RestController
class MeController {
    /** Keycloak's own roles, which say nothing about a person's work here. */
    private static final Set<String> TECHNICAL_ROLES = Set.of("offline_access", "uma_authorization", "default-roles-mcu");

    /** The municipality, with the time zone every date of its work is shown and entered in. */
    record MunicipalityRef(String id, String name, String timeZone) {
    }

    /** A role in the municipality, with its name from the municipality's configuration. */
    record MunicipalRole(String code, String name) {
    }

    /** {@code permissions}: what the municipal roles grant together, so the page offers only what the services allow. */
    record Me(String username, String name, String email, MunicipalityRef municipality, List<String> organizations,
              List<String> roles, List<MunicipalRole> municipalRoles, Set<String> permissions) {
    }

    private final MunicipalityRepository municipalities;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final ru.mcu.tenant.staff.Roles templateRoles;

    MeController(MunicipalityRepository municipalities, org.springframework.jdbc.core.JdbcTemplate jdbc, ru.mcu.tenant.staff.Roles templateRoles) {
        this.municipalities = municipalities;
        this.jdbc = jdbc;
        this.templateRoles = templateRoles;
    }

    @GetMapping("/api/me")
    @Transactional(readOnly = true)
    Me me(@AuthenticationPrincipal Jwt token) {
        MunicipalityRef municipality = PlatformToken.singleTenant(token)
                .map(id -> new MunicipalityRef(id, municipalities.findById(id).map(m -> m.getName()).orElse(null), timeZone()))
                .orElse(null);
        List<String> roles = PlatformToken.realmRoles(token).stream().filter(r -> !TECHNICAL_ROLES.contains(r)).sorted().toList();
        List<String> codes = ru.mcu.platform.tenancy.PlatformToken.municipalRoles(token);
        // The template's roles, read once: their names and what the held ones grant together.
        java.util.Map<String, ru.mcu.tenant.staff.Roles.Role> template = new java.util.HashMap<>();
        if (municipality != null) {
            templateRoles.all().forEach(role -> template.put(role.code(), role));
        }
        List<MunicipalRole> municipalRoles = municipality == null ? List.of() : codes.stream()
                .map(code -> new MunicipalRole(code, template.containsKey(code) ? template.get(code).name() : code)).toList();
        Set<String> permissions = new java.util.TreeSet<>();
        codes.stream().filter(template::containsKey).forEach(code -> permissions.addAll(template.get(code).permissions()));
        return new Me(token.getClaimAsString("preferred_username"), token.getClaimAsString("name"),
                token.getClaimAsString("email"), municipality, List.copyOf(PlatformToken.organizations(token)), roles, municipalRoles,
                permissions);
    }

    /** The current configuration's time zone, read as the municipality (row-level security). */
    private String timeZone() {
        return jdbc.queryForList("select config->'profile'->>'timeZone' from tenant_configuration order by version desc limit 1",
                String.class).stream().findFirst().orElse(null);
    }
}
