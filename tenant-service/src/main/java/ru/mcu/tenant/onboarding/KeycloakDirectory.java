package ru.mcu.tenant.onboarding;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import ru.mcu.tenant.keycloak.KeycloakAdminApi;

/**
 * The municipalities' side of Keycloak that onboarding needs: organizations (one per municipality,
 * alias = slug), the first administrator, connector clients. Every call looks before it creates,
 * so a repeated or resumed onboarding never makes duplicates.
 */
@Component
public class KeycloakDirectory {
    private final KeycloakAdminApi api;

    KeycloakDirectory(KeycloakAdminApi api) {
        this.api = api;
    }

    /** The organization's id, creating it (enabled) the first time. */
    String ensureOrganization(String alias, String name) {
        return organizationId(alias).orElseGet(() -> {
            KeycloakAdminApi.call(() -> api.http().post().uri(api.admin("/organizations")).headers(h -> h.setBearerAuth(api.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", name, "alias", alias, "enabled", true, "description", name,
                            "domains", List.of(Map.of("name", KeycloakAdminApi.domain(alias), "verified", false))))
                    .retrieve().toBodilessEntity());
            return organizationId(alias).orElseThrow(() -> new KeycloakAdminApi.DirectoryException("Keycloak created organization " + alias + " but does not list it"));
        });
    }

    Optional<String> organizationId(String alias) {
        return api.organizationId(alias);
    }

    void setOrganizationEnabled(String organizationId, boolean enabled) {
        JsonNode organization = KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/organizations/" + organizationId))
                .headers(h -> h.setBearerAuth(api.token())).retrieve().body(JsonNode.class));
        var changed = ((tools.jackson.databind.node.ObjectNode) organization).put("enabled", enabled);
        KeycloakAdminApi.call(() -> api.http().put().uri(api.admin("/organizations/" + organizationId)).headers(h -> h.setBearerAuth(api.token()))
                .contentType(MediaType.APPLICATION_JSON).body(changed).retrieve().toBodilessEntity());
    }

    /**
     * The first administrator, a member of the organization (perhaps also of another). Created once, with a temporary
     * password that Keycloak makes them replace at first login; returned only when created.
     */
    Administrator ensureAdministrator(String organizationId, String email) {
        Optional<JsonNode> existing = api.userByUsernameOrEmail(email);
        String id;
        String password = null;
        if (existing.isPresent()) {
            // Someone already on another municipality's staff may administer this one too: roles belong to each
            // membership, and Keycloak asks at login which municipality to work in.
            id = existing.get().path("id").asString();
            // Not yet logged in: a new temporary password, since the first one may never have reached them.
            if (existing.get().path("requiredActions").toString().contains("UPDATE_PASSWORD")) {
                password = KeycloakAdminApi.temporaryPassword();
                String temporary = password;
                KeycloakAdminApi.call(() -> api.http().put().uri(api.admin("/users/" + id + "/reset-password")).headers(h -> h.setBearerAuth(api.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("type", "password", "value", temporary, "temporary", true)).retrieve().toBodilessEntity());
            }
        } else {
            KeycloakAdminApi.NewAccount account = api.createAccount(email, null, null);
            id = account.id();
            password = account.temporaryPassword();
        }
        api.enrol(organizationId, id);
        return new Administrator(id, Optional.ofNullable(password));
    }

    record Administrator(String userId, Optional<String> temporaryPassword) {
    }

    List<String> memberIds(String organizationId) {
        JsonNode members = KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/organizations/" + organizationId + "/members?first=0&max=100000"))
                .headers(h -> h.setBearerAuth(api.token())).retrieve().body(JsonNode.class));
        return members.valueStream().filter(m -> m.path("enabled").asBoolean(true)).map(m -> m.path("id").asString()).toList();
    }

    /** Usernames of the organization's members who hold the municipal role there (attribute mcu_roles, «slug:role»). */
    List<String> holders(String organizationId, String municipality, String role) {
        String value = ru.mcu.platform.tenancy.PlatformToken.membershipRole(municipality, role);
        JsonNode members = KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/organizations/" + organizationId + "/members?first=0&max=100000"))
                .headers(h -> h.setBearerAuth(api.token())).retrieve().body(JsonNode.class));
        java.util.Set<String> memberIds = new java.util.HashSet<>();
        members.forEach(m -> memberIds.add(m.path("id").asString()));
        JsonNode users = KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/users?briefRepresentation=false&max=100000&q={q}"), "mcu_roles:" + value)
                .headers(h -> h.setBearerAuth(api.token())).retrieve().body(JsonNode.class));
        return users.valueStream().filter(u -> memberIds.contains(u.path("id").asString()))
                .filter(u -> u.path("attributes").path("mcu_roles").valueStream().anyMatch(r -> r.asString().equals(value)))
                .map(u -> u.path("username").asString()).toList();
    }

    void setUserEnabled(String userId, boolean enabled) {
        api.setUserEnabled(userId, enabled);
    }

    /**
     * A confidential client for one channel connector of one municipality: client credentials only,
     * its tokens carry the municipality as their only organization, the channels it may push to
     * ({@code mcu_channels}), the realm role channel-connector and the API audience. Returns the
     * client's secret, which Keycloak shows to the operator once through us.
     */
    String createConnectorClient(String clientId, String municipality, String name, List<String> channels) {
        if (KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/clients?clientId={id}"), clientId).headers(h -> h.setBearerAuth(api.token()))
                .retrieve().body(JsonNode.class)).size() > 0) {
            throw new OnboardingException.Conflict("Подключение «" + clientId + "» уже выдано; выпустите новое под другим именем");
        }
        var json = new tools.jackson.databind.ObjectMapper();
        Map<String, Object> client = Map.of(
                "clientId", clientId,
                "name", name,
                "enabled", true,
                "publicClient", false,
                "serviceAccountsEnabled", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false,
                "defaultClientScopes", List.of("basic", "roles"),
                "optionalClientScopes", List.of(),
                "protocolMappers", List.of(
                        mapper("audience mcu-api", "oidc-audience-mapper", Map.of("included.custom.audience", "mcu-api",
                                "access.token.claim", "true", "id.token.claim", "false")),
                        hardcoded("organization", json.writeValueAsString(List.of(municipality))),
                        hardcoded("mcu_channels", json.writeValueAsString(channels))));
        KeycloakAdminApi.call(() -> api.http().post().uri(api.admin("/clients")).headers(h -> h.setBearerAuth(api.token())).contentType(MediaType.APPLICATION_JSON)
                .body(client).retrieve().toBodilessEntity());
        String id = clientUuid(clientId);
        String serviceAccount = KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/clients/" + id + "/service-account-user")).headers(h -> h.setBearerAuth(api.token()))
                .retrieve().body(JsonNode.class)).path("id").asString();
        api.grantRealmRole(serviceAccount, "channel-connector");
        return KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/clients/" + id + "/client-secret")).headers(h -> h.setBearerAuth(api.token()))
                .retrieve().body(JsonNode.class)).path("value").asString();
    }

    /** A new secret for a connector client; the old one stops working at once. */
    String rotateConnectorSecret(String clientId) {
        String id = clientUuid(clientId);
        return KeycloakAdminApi.call(() -> api.http().post().uri(api.admin("/clients/" + id + "/client-secret")).headers(h -> h.setBearerAuth(api.token()))
                .retrieve().body(JsonNode.class)).path("value").asString();
    }

    /** Removes a connector client: no new token is issued to it. */
    void deleteConnectorClient(String clientId) {
        String id = clientUuid(clientId);
        KeycloakAdminApi.call(() -> api.http().delete().uri(api.admin("/clients/" + id)).headers(h -> h.setBearerAuth(api.token()))
                .retrieve().toBodilessEntity());
    }

    private String clientUuid(String clientId) {
        return KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/clients?clientId={id}"), clientId).headers(h -> h.setBearerAuth(api.token()))
                .retrieve().body(JsonNode.class)).get(0).path("id").asString();
    }

    /** Connector clients issued for a municipality (their client ids start with connector-<slug>-). */
    List<String> connectorClients(String municipality) {
        JsonNode clients = KeycloakAdminApi.call(() -> api.http().get().uri(api.admin("/clients?clientId={prefix}&search=true&first=0&max=1000"),
                "connector-" + municipality + "-").headers(h -> h.setBearerAuth(api.token())).retrieve().body(JsonNode.class));
        List<String> ids = new java.util.ArrayList<>();
        clients.forEach(c -> ids.add(c.path("clientId").asString()));
        return ids;
    }

    private static Map<String, Object> hardcoded(String claim, String jsonValue) {
        return mapper(claim, "oidc-hardcoded-claim-mapper", Map.of("claim.name", claim, "claim.value", jsonValue, "jsonType.label", "JSON",
                "access.token.claim", "true", "id.token.claim", "false", "introspection.token.claim", "true"));
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", config);
    }
}
