package ru.mcu.platform.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;


import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.KeycloakServer;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.stack.StackException;

/**
 * The local run's demo data (fixtures/demo.json). The municipalities themselves are onboarded by
 * tenant-service from their templates; this adds the people: the operator, two generic staff, and
 * one user per role of every municipality's template. Applying it twice changes nothing.
 */
record DemoFixture(List<String> municipalities, String rolePassword, List<User> users) {
    record User(String username, String password, String firstName, String lastName, String email,
                String municipality, List<String> realmRoles, List<String> municipalRoles, List<String> regions) {
    }

    static DemoFixture load() {
        try (InputStream in = DemoFixture.class.getResourceAsStream("/fixtures/demo.json")) {
            return JsonMapper.builder().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build().readValue(in, DemoFixture.class);
        } catch (IOException e) {
            throw new StackException("Cannot read fixtures/demo.json: " + e.getMessage(), e);
        }
    }

    void apply(KeycloakServer keycloak) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak, PlatformRealm.REALM);
        for (User u : users) {
            String id = admin.ensureUser(u.username(), u.password(), u.firstName(), u.lastName(), u.email());
            if (u.municipalRoles() != null && !u.municipalRoles().isEmpty()) {
                // Roles belong to the membership: each value names the municipality it is held in.
                admin.setAttribute(id, PlatformRealm.MUNICIPAL_ROLES, u.municipalRoles().stream()
                        .map(role -> PlatformRealm.membershipRole(u.municipality(), role)).toList());
            }
            if (u.regions() != null && !u.regions().isEmpty()) {
                // The regions a regional ЦУР analyst compares the municipalities of.
                admin.setAttribute(id, PlatformRealm.REGIONS, u.regions());
            }
            admin.grantRealmRoles(id, u.realmRoles());
            if (u.municipality() != null) {
                admin.addMember(organization(admin, u.municipality()), id);
            }
        }
        for (String municipality : municipalities) {
            String organization = organization(admin, municipality);
            for (Map<String, Object> role : roles(municipality)) {
                String code = (String) role.get("code");
                String username = municipality + "-" + code;
                String id = admin.ensureUser(username, rolePassword, personName(String.valueOf(role.get("name"))), "Демо",
                        username + "@mcu.invalid");
                admin.setAttribute(id, PlatformRealm.MUNICIPAL_ROLES, List.of(PlatformRealm.membershipRole(municipality, code)));
                admin.grantRealmRoles(id, List.of("municipal-employee"));
                admin.addMember(organization, id);
            }
            // The first administrator's temporary password, until they set their own at first login.
            admin.resetTemporaryPasswordIfUnused("admin@" + municipality + ".mcu.invalid", rolePassword);
        }
    }

    /** Keycloak allows letters, digits, spaces, dots, hyphens and apostrophes in a person's name. */
    private static String personName(String roleName) {
        String name = roleName.replaceAll("[^\\p{L}\\p{N} .'-]", " ").replaceAll("\\s+", " ").strip();
        return name.length() > 60 ? name.substring(0, 60).strip() : name;
    }

    private static String organization(KeycloakAdmin admin, String municipality) {
        return admin.organizationId(municipality).orElseThrow(() -> new StackException(
                "Municipality " + municipality + " has no Keycloak organization: tenant-service did not onboard it (see its log)"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> roles(String municipality) {
        return (List<Map<String, Object>>) ShippedTemplate.load(municipality).get("roles");
    }
}
