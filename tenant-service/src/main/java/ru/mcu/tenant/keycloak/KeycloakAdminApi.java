package ru.mcu.tenant.keycloak;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin API as tenant-service reaches it, with its own service account (client
 * credentials, the token reused until it nearly expires), and the user operations both onboarding
 * and staff management need. Any failure is a {@link DirectoryException}.
 */
@Component
public class KeycloakAdminApi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RestClient http;
    private final String base;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public KeycloakAdminApi(@Value("${mcu.keycloak.issuer-uri}") String issuer,
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

    public RestClient http() {
        return http;
    }

    /** The address of an admin resource of the realm. */
    public String admin(String path) {
        return base + "/admin/realms/" + realm + path;
    }

    public synchronized String token() {
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

    public static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientException e) {
            throw new DirectoryException("Keycloak did not do it: " + e.getMessage(), e);
        }
    }

    /** A GET that returns JSON. */
    public JsonNode get(String path, Object... variables) {
        return call(() -> http.get().uri(admin(path), variables).headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
    }

    public static String temporaryPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Optional<JsonNode> userByUsernameOrEmail(String email) {
        for (String query : List.of("username", "email")) {
            JsonNode users = get("/users?briefRepresentation=false&exact=true&" + query + "={v}", email);
            if (!users.isEmpty()) {
                return Optional.of(users.get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * Makes an account for a person of a municipality (login = e-mail) with a temporary password,
     * which Keycloak makes them replace at first login; returns its id and that password.
     */
    public NewAccount createAccount(String email, String firstName, String lastName) {
        String password = temporaryPassword();
        java.util.Map<String, Object> user = new java.util.LinkedHashMap<>(java.util.Map.of("username", email, "email", email, "enabled", true,
                "emailVerified", true, "requiredActions", List.of("UPDATE_PASSWORD"),
                "credentials", List.of(java.util.Map.of("type", "password", "value", password, "temporary", true))));
        if (firstName != null) {
            user.put("firstName", firstName);
        }
        if (lastName != null) {
            user.put("lastName", lastName);
        }
        call(() -> http.post().uri(admin("/users")).headers(h -> h.setBearerAuth(token())).contentType(MediaType.APPLICATION_JSON)
                .body(user).retrieve().toBodilessEntity());
        String id = userByUsernameOrEmail(email).map(u -> u.path("id").asString())
                .orElseThrow(() -> new DirectoryException("Keycloak created user " + email + " but does not find it"));
        return new NewAccount(id, password);
    }

    public record NewAccount(String id, String temporaryPassword) {
    }

    /** The user's whole representation (Keycloak's user update is not a partial one). */
    public ObjectNode user(String userId) {
        return (ObjectNode) get("/users/" + userId);
    }

    public void updateUser(String userId, JsonNode representation) {
        call(() -> http.put().uri(admin("/users/" + userId)).headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).body(representation).retrieve().toBodilessEntity());
    }

    public void setUserEnabled(String userId, boolean enabled) {
        ObjectNode user = user(userId);
        user.put("enabled", enabled);
        updateUser(userId, user);
        if (!enabled) {
            // Ends the sessions they have, so that a suspension takes effect at once.
            call(() -> http.post().uri(admin("/users/" + userId + "/logout")).headers(h -> h.setBearerAuth(token()))
                    .retrieve().toBodilessEntity());
        }
    }

    public void grantRealmRole(String userId, String role) {
        JsonNode representation = get("/roles/" + role);
        call(() -> http.post().uri(admin("/users/" + userId + "/role-mappings/realm")).headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).body(List.of(representation)).retrieve().toBodilessEntity());
    }

    public void addMember(String organizationId, String userId) {
        try {
            http.post().uri(admin("/organizations/" + organizationId + "/members")).headers(h -> h.setBearerAuth(token()))
                    .contentType(MediaType.APPLICATION_JSON).body('"' + userId + '"').retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.Conflict alreadyMember) {
            // A resumed onboarding, or a person invited twice, finds the membership done.
        } catch (RestClientException e) {
            throw new DirectoryException("Keycloak refused to add the person to the organization: " + e.getMessage(), e);
        }
    }

    /** The municipality's organization, by the domain each one gets (Keycloak searches it exactly), not by listing them all. */
    public Optional<String> organizationId(String alias) {
        Known known = organizations.get(alias);
        if (known != null && known.until().isAfter(Instant.now())) {
            return Optional.of(known.id());
        }
        Optional<String> found = get("/organizations?search=" + domain(alias) + "&exact=true&briefRepresentation=true").valueStream()
                .filter(o -> alias.equals(o.path("alias").asString())).map(o -> o.path("id").asString()).findFirst();
        found.ifPresent(id -> organizations.put(alias, new Known(id, Instant.now().plus(ORGANIZATION_KEPT))));
        return found;
    }

    /**
     * A municipality's organization id, kept a few minutes: every staff request starts by looking it
     * up, and the platform never deletes or recreates an organization (one removed by hand in
     * Keycloak's console is noticed within the few minutes). Only ids found are kept.
     */
    private record Known(String id, Instant until) {
    }

    private static final Duration ORGANIZATION_KEPT = Duration.ofMinutes(5);
    private final java.util.Map<String, Known> organizations = new java.util.concurrent.ConcurrentHashMap<>();

    /** A placeholder domain, unique per municipality (.invalid never resolves): Keycloak wants one, and finds by it. */
    public static String domain(String alias) {
        return alias + ".mcu.invalid";
    }

    /** Makes the person staff of the municipality's organization: the realm role every member holds, and the membership. */
    public void enrol(String organizationId, String userId) {
        grantRealmRole(userId, "municipal-employee");
        addMember(organizationId, userId);
    }

    /** Aliases of the organizations the user belongs to. */
    public List<String> organizationsOf(String userId) {
        return get("/organizations/members/" + userId + "/organizations").valueStream().map(o -> o.path("alias").asString()).toList();
    }

    /** Keycloak could not be reached or refused: the step fails and can be retried. */
    public static class DirectoryException extends RuntimeException {
        public DirectoryException(String message) {
            super(message);
        }

        public DirectoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
