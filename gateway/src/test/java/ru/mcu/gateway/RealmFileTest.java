package ru.mcu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The realm file alone, imported as Keycloak's --import-realm does in production (the Helm chart),
 * declares the user attributes the platform writes: the roles of each membership and the
 * deactivated memberships, visible and editable by administrators only.
 */
class RealmFileTest {
    @Test
    void theRealmFileDeclaresThePlatformsAttributesForAdministratorsOnly() throws Exception {
        String file;
        try (var in = RealmFileTest.class.getResourceAsStream("/keycloak/mcu-realm.json")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A realm of its own, made from the file and nothing else (no declaration by the stack afterwards).
        KeycloakAdmin imported = new KeycloakAdmin(RealServers.servers().keycloak(), "mcu-file-check");
        imported.applyRealm(file.replaceFirst("\"realm\": *\"" + PlatformRealm.REALM + "\"", "\"realm\": \"mcu-file-check\""));
        try {
            JsonNode profile = imported.userProfile();
            for (String name : new String[] {PlatformRealm.MUNICIPAL_ROLES, PlatformRealm.INACTIVE_IN}) {
                JsonNode attribute = profile.path("attributes").valueStream().filter(a -> name.equals(a.path("name").asString())).findFirst()
                        .orElseThrow(() -> new AssertionError(name + " is not declared by the realm file: " + profile));
                assertThat(attribute.path("multivalued").asBoolean()).as(name + " multivalued").isTrue();
                assertThat(attribute.path("permissions").path("view").toString()).as(name + " viewed by").isEqualTo("[\"admin\"]");
                assertThat(attribute.path("permissions").path("edit").toString()).as(name + " edited by").isEqualTo("[\"admin\"]");
            }
            // The usual attributes are still there, so the login and account forms keep working.
            assertThat(profile.path("attributes").valueStream().map(a -> a.path("name").asString()))
                    .contains("username", "email", "firstName", "lastName");
        } finally {
            imported.deleteRealm();
        }
    }
}
