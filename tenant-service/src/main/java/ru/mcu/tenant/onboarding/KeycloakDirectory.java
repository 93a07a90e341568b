package ru.mcu.tenant.onboarding;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

/**
 * The municipalities' side of Keycloak, through its admin API with tenant-service's own service
 * account: organizations (one per municipality, alias = slug) and their users. Every call looks
 * before it creates, so a repeated or resumed onboarding never makes duplicates.
 */
@Component
public class KeycloakDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RestClient http;
    private final String base;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    KeycloakDirectory(@Value("${mcu.keycloak.issuer-uri}") String issuer,
                      @Value("${mcu.keycloak.admin-client-id}") String clientId,
                      @Value("${mcu.keycloak.admin-client-secret}") String clientSecret) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(3));
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder().requestFactory(requests).build();
        this.base = issuer.substring(0, issuer.indexOf("/realms/"));
        this.realm = issuer.substring(issuer.indexOf("/realms/") + "/realms/".length());
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** The organization's id, creating it (enabled) the first time. */
    String ensureOrganization(String alias, String name) {
        return organizationId(alias).orElseGet(() -> {
            call(() -> http.post().uri(admin("/organizations")).headers(h -> h.setBearerAuth(token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", name, "alias", alias, "enabled", true, "description", name,
                            "domains", List.of(Map.of("name", domain(alias), "verified", false))))
                    .retrieve().toBodilessEntity());
            return organizationId(alias).orElseThrow(() -> new DirectoryException("Keycloak created organization " + alias + " but does not list it"));
        });
    }

    /** By the domain each municipality's organization gets, which Keycloak searches exactly; not by listing them all. */
    Optional<String> organizationId(String alias) {
        JsonNode found = call(() -> http.get().uri(admin("/organizations?search=" + domain(alias) + "&exact=true&briefRepresentation=true"))
                .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
        return found.valueStream().filter(o -> alias.equals(o.path("alias").asString()))
                .map(o -> o.path("id").asString()).findFirst();
    }

    /** A placeholder domain, unique per municipality (.invalid never resolves): Keycloak wants one, and finds by it. */
    private static String domain(String alias) {
        return alias + ".mcu.invalid";
    }

    void setOrganizationEnabled(String organizationId, boolean enabled) {
        JsonNode organization = call(() -> http.get().uri(admin("/organizations/" + organizationId))
                .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
        var changed = ((tools.jackson.databind.node.ObjectNode) organization).put("enabled", enabled);
        call(() -> http.put().uri(admin("/organizations/" + organizationId)).headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).body(changed).retrieve().toBodilessEntity());
    }

    /**
     * The first administrator, a member of the organization. Created once, with a temporary
     * password that Keycloak makes them replace at first login; returned only when created.
     */
    Administrator ensureAdministrator(String organizationId, String email) {
        Optional<JsonNode> existing = userByUsernameOrEmail(email);
        String password = null;
        if (existing.isPresent()) {
            String id = existing.get().path("id").asString();
            // Never adopt someone of another municipality: they would belong to two and work in neither.
            JsonNode organizations = call(() -> http.get().uri(admin("/organizations/members/" + id + "/organizations"))
                    .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
            List<String> others = organizations.valueStream().filter(o -> !organizationId.equals(o.path("id").asString()))
                    .map(o -> o.path("alias").asString()).toList();
            if (!others.isEmpty()) {
                throw new DirectoryException("Пользователь " + email + " уже состоит в муниципалитете «" + String.join(", ", others)
                        + "»: первым администратором нужен другой адрес");
            }
            // Not yet logged in: a new temporary password, since the first one may never have reached them.
            if (existing.get().path("requiredActions").toString().contains("UPDATE_PASSWORD")) {
                password = temporaryPassword();
                String temporary = password;
                call(() -> http.put().uri(admin("/users/" + id + "/reset-password")).headers(h -> h.setBearerAuth(token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("type", "password", "value", temporary, "temporary", true)).retrieve().toBodilessEntity());
            }
        } else {
            password = temporaryPassword();
            String temporary = password;
            call(() -> http.post().uri(admin("/users")).headers(h -> h.setBearerAuth(token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("username", email, "email", email, "enabled", true, "emailVerified", true,
                            "requiredActions", List.of("UPDATE_PASSWORD"),
                            "credentials", List.of(Map.of("type", "password", "value", temporary, "temporary", true))))
                    .retrieve().toBodilessEntity());
        }
        String id = userByUsernameOrEmail(email).map(u -> u.path("id").asString())
                .orElseThrow(() -> new DirectoryException("Keycloak created user " + email + " but does not find it"));
        grantRealmRole(id, "municipal-employee");
        addMember(organizationId, id);
        return new Administrator(id, Optional.ofNullable(password));
    }

    record Administrator(String userId, Optional<String> temporaryPassword) {
    }

    private static String temporaryPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Optional<JsonNode> userByUsernameOrEmail(String email) {
        for (String query : List.of("username", "email")) {
            JsonNode users = call(() -> http.get().uri(admin("/users?exact=true&" + query + "={v}"), email)
                    .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
            if (!users.isEmpty()) {
                return Optional.of(users.get(0));
            }
        }
        return Optional.empty();
    }

    List<String> memberIds(String organizationId) {
        JsonNode members = call(() -> http.get().uri(admin("/organizations/" + organizationId + "/members?first=0&max=100000"))
                .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
        return members.valueStream().filter(m -> m.path("enabled").asBoolean(true)).map(m -> m.path("id").asString()).toList();
    }

    /** Usernames of the organization's members who hold the municipal role (attribute mcu_roles). */
    List<String> holders(String organizationId, String role) {
        JsonNode members = call(() -> http.get().uri(admin("/organizations/" + organizationId + "/members?first=0&max=100000"))
                .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
        java.util.Set<String> memberIds = new java.util.HashSet<>();
        members.forEach(m -> memberIds.add(m.path("id").asString()));
        JsonNode users = call(() -> http.get().uri(admin("/users?briefRepresentation=false&max=100000&q={q}"), "mcu_roles:" + role)
                .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
        return users.valueStream().filter(u -> memberIds.contains(u.path("id").asString()))
                .filter(u -> u.path("attributes").path("mcu_roles").valueStream().anyMatch(r -> r.asString().equals(role)))
                .map(u -> u.path("username").asString()).toList();
    }

    void setUserEnabled(String userId, boolean enabled) {
        // The whole representation back: Keycloak's user update is not a partial one.
        var user = (tools.jackson.databind.node.ObjectNode) call(() -> http.get().uri(admin("/users/" + userId))
                .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
        user.put("enabled", enabled);
        call(() -> http.put().uri(admin("/users/" + userId)).headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).body(user).retrieve().toBodilessEntity());
        if (!enabled) {
            // Ends the sessions they have, so that a suspension takes effect at once.
            call(() -> http.post().uri(admin("/users/" + userId + "/logout")).headers(h -> h.setBearerAuth(token()))
                    .retrieve().toBodilessEntity());
        }
    }

    /**
     * A confidential client for one channel connector of one municipality: client credentials only,
     * its tokens carry the municipality as their only organization, the channels it may push to
     * ({@code mcu_channels}), the realm role channel-connector and the API audience. Returns the
     * client's secret, which Keycloak shows to the operator once through us.
     */
    String createConnectorClient(String clientId, String municipality, String name, List<String> channels) {
        if (call(() -> http.get().uri(admin("/clients?clientId={id}"), clientId).headers(h -> h.setBearerAuth(token()))
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
        call(() -> http.post().uri(admin("/clients")).headers(h -> h.setBearerAuth(token())).contentType(MediaType.APPLICATION_JSON)
                .body(client).retrieve().toBodilessEntity());
        String id = call(() -> http.get().uri(admin("/clients?clientId={id}"), clientId).headers(h -> h.setBearerAuth(token()))
                .retrieve().body(JsonNode.class)).get(0).path("id").asString();
        String serviceAccount = call(() -> http.get().uri(admin("/clients/" + id + "/service-account-user")).headers(h -> h.setBearerAuth(token()))
                .retrieve().body(JsonNode.class)).path("id").asString();
        grantRealmRole(serviceAccount, "channel-connector");
        return call(() -> http.get().uri(admin("/clients/" + id + "/client-secret")).headers(h -> h.setBearerAuth(token()))
                .retrieve().body(JsonNode.class)).path("value").asString();
    }

    /** Connector clients issued for a municipality (their client ids start with connector-<slug>-). */
    List<String> connectorClients(String municipality) {
        JsonNode clients = call(() -> http.get().uri(admin("/clients?clientId={prefix}&search=true&first=0&max=1000"),
                "connector-" + municipality + "-").headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
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

    private void grantRealmRole(String userId, String role) {
        JsonNode representation = call(() -> http.get().uri(admin("/roles/" + role)).headers(h -> h.setBearerAuth(token()))
                .retrieve().body(JsonNode.class));
        call(() -> http.post().uri(admin("/users/" + userId + "/role-mappings/realm")).headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).body(List.of(representation)).retrieve().toBodilessEntity());
    }

    private void addMember(String organizationId, String userId) {
        try {
            http.post().uri(admin("/organizations/" + organizationId + "/members")).headers(h -> h.setBearerAuth(token()))
                    .contentType(MediaType.APPLICATION_JSON).body('"' + userId + '"').retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.Conflict alreadyMember) {
            // A resumed onboarding finds the membership done.
        } catch (RestClientException e) {
            throw new DirectoryException("Keycloak refused to add the administrator to the organization: " + e.getMessage(), e);
        }
    }

    private synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenExpires)) {
            var form = new LinkedMultiValueMap<String, String>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", clientId);
            form.add("client_secret", clientSecret);
            JsonNode response = call(() -> http.post().uri(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class));
            token = response.path("access_token").asString();
            tokenExpires = Instant.now().plusSeconds(Math.max(10, response.path("expires_in").asLong(60) - 15));
        }
        return token;
    }

    private String admin(String path) {
        return base + "/admin/realms/" + realm + path;
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientException e) {
            throw new DirectoryException("Keycloak did not do it: " + e.getMessage(), e);
        }
    }

    /** Keycloak could not be reached or refused: the step fails and can be retried. */
    public static class DirectoryException extends RuntimeException {
        DirectoryException(String message) {
            super(message);
        }

        DirectoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
