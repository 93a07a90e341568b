package ru.mcu.platform.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few Keycloak admin REST calls the stack needs (realm import, organizations, users), each
 * safe to repeat: it looks before it creates.
 */
public final class KeycloakAdmin {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KeycloakServer keycloak;
    private final String realm;
    private String token;
    private java.time.Instant tokenExpires = java.time.Instant.EPOCH;

    public KeycloakAdmin(KeycloakServer keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /**
     * Creates the realm from its JSON, or brings an existing one up to it: clients are replaced by
     * the file's (their secrets are Keycloak's, read after), roles and users the file adds are
     * created, and existing ones are left as they are (with their mappings and passwords).
     */
    public void applyRealm(String realmJson) {
        if (send("GET", keycloak.baseUrl() + "/admin/realms/" + realm, null).statusCode() == 404) {
            expect(send("POST", keycloak.baseUrl() + "/admin/realms", realmJson), 201, "import realm " + realm);
            return;
        }
        JsonNode file = JSON.readTree(realmJson);
        var clients = JSON.createObjectNode().put("ifResourceExists", "OVERWRITE");
        clients.set("clients", file.path("clients"));
        expect(send("POST", admin("/partialImport"), JSON.writeValueAsString(clients)), 200, "update the realm's clients");
        var additions = JSON.createObjectNode().put("ifResourceExists", "SKIP");
        additions.set("roles", file.path("roles"));
        additions.set("users", file.path("users"));
        expect(send("POST", admin("/partialImport"), JSON.writeValueAsString(additions)), 200, "add the realm's roles and users");
        addMissingFlows(file);
        var login = JSON.createObjectNode().put("loginTheme", file.path("loginTheme").asString()).put("browserFlow", file.path("browserFlow").asString());
        expect(send("PUT", admin(""), JSON.writeValueAsString(login)), 204, "set the realm's login theme and browser flow");
    }

    /**
     * Login flows the file has and the realm lacks (a realm imported by an earlier version), built
     * step by step as the admin console would; partial import does not cover flows.
     */
    private void addMissingFlows(JsonNode file) {
        JsonNode existing = json(expect(send("GET", admin("/authentication/flows"), null), 200, "list the login flows"));
        Map<String, JsonNode> byAlias = new java.util.HashMap<>();
        file.path("authenticationFlows").forEach(flow -> byAlias.put(flow.path("alias").asString(), flow));
        for (JsonNode flow : file.path("authenticationFlows")) {
            String alias = flow.path("alias").asString();
            if (!flow.path("topLevel").asBoolean() || existing.valueStream().anyMatch(f -> alias.equals(f.path("alias").asString()))) {
                continue;
            }
            var created = JSON.createObjectNode().put("alias", alias).put("description", flow.path("description").asString())
                    .put("providerId", flow.path("providerId").asString()).put("topLevel", true).put("builtIn", false);
            HttpResponse<String> answer = send("POST", admin("/authentication/flows"), JSON.writeValueAsString(created));
            if (answer.statusCode() == 409) {
                continue; // there, but not listed (Keycloak leaves «saml ecp» out of the list)
            }
            expect(answer, 201, "create login flow " + alias);
            addSteps(alias, flow, byAlias);
        }
    }

    private void addSteps(String parent, JsonNode flow, Map<String, JsonNode> byAlias) {
        for (JsonNode step : flow.path("authenticationExecutions")) {
            String path = "/authentication/flows/" + enc(parent).replace("+", "%20") + "/executions";
            JsonNode sub = step.path("authenticatorFlow").asBoolean() ? byAlias.get(step.path("flowAlias").asString()) : null;
            if (sub != null) {
                var body = JSON.createObjectNode().put("alias", sub.path("alias").asString()).put("description", sub.path("description").asString())
                        .put("type", sub.path("providerId").asString()).put("provider", "registration-page-form");
                expect(send("POST", admin(path + "/flow"), JSON.writeValueAsString(body)), 201, "add step " + sub.path("alias").asString() + " to " + parent);
            } else {
                var body = JSON.createObjectNode().put("provider", step.path("authenticator").asString());
                expect(send("POST", admin(path + "/execution"), JSON.writeValueAsString(body)), 201, "add step " + body.path("provider").asString() + " to " + parent);
            }
            // The step just added is the parent's last direct one; it starts DISABLED.
            JsonNode steps = json(expect(send("GET", admin(path), null), 200, "list the steps of " + parent));
            var added = (tools.jackson.databind.node.ObjectNode) steps.valueStream().filter(s -> s.path("level").asInt() == 0)
                    .reduce((first, second) -> second).orElseThrow();
            added.put("requirement", step.path("requirement").asString());
            expect(send("PUT", admin(path), JSON.writeValueAsString(added)), 202, "set the requirement of a step of " + parent);
            if (sub != null) {
                addSteps(sub.path("alias").asString(), sub, byAlias);
            }
        }
    }

    /** Declares a multi-valued user attribute that only administrators may see or change. */
    public void declareAdminAttribute(String name, String displayName) {
        var profile = (tools.jackson.databind.node.ObjectNode) json(expect(send("GET", admin("/users/profile"), null), 200, "read the user profile"));
        if (profile.path("attributes").valueStream().anyMatch(a -> name.equals(a.path("name").asString()))) {
            return;
        }
        var attribute = profile.withArray("attributes").addObject();
        attribute.put("name", name).put("displayName", displayName).put("multivalued", true);
        var permissions = attribute.putObject("permissions");
        permissions.putArray("view").add("admin");
        permissions.putArray("edit").add("admin");
        expect(send("PUT", admin("/users/profile"), JSON.writeValueAsString(profile)), 200, "declare user attribute " + name);
    }

    /** The realm's user profile: the attributes a user may have, and who may see and edit each. */
    public JsonNode userProfile() {
        return json(expect(send("GET", admin("/users/profile"), null), 200, "read the user profile"));
    }

    /** Removes the realm (for a test that imports one of its own). */
    public void deleteRealm() {
        expect(send("DELETE", keycloak.baseUrl() + "/admin/realms/" + realm, null), 204, "delete realm " + realm);
    }

    public String clientUuid(String clientId) {
        JsonNode clients = json(expect(send("GET", admin("/clients?clientId=" + enc(clientId)), null), 200, "find client"));
        if (clients.isEmpty()) {
            throw new StackException("Client " + clientId + " is missing from realm " + realm);
        }
        return clients.get(0).get("id").asString();
    }

    public String clientSecret(String clientId) {
        String uuid = clientUuid(clientId);
        return json(expect(send("GET", admin("/clients/" + uuid + "/client-secret"), null), 200, "read client secret"))
                .get("value").asString();
    }

    /** Adds the gateway's actual address to the client's redirect and post-logout URIs. */
    public void allowGatewayAt(String clientId, String gatewayBaseUrl) {
        String uuid = clientUuid(clientId);
        JsonNode client = json(expect(send("GET", admin("/clients/" + uuid), null), 200, "read client"));
        var node = (tools.jackson.databind.node.ObjectNode) client;
        var redirects = node.withArray("redirectUris");
        String redirect = gatewayBaseUrl + "/login/oauth2/code/keycloak";
        if (redirects.valueStream().noneMatch(v -> v.asString().equals(redirect))) {
            redirects.add(redirect);
        }
        var attributes = node.withObject("attributes");
        String logout = attributes.path("post.logout.redirect.uris").asString("");
        if (!logout.contains(gatewayBaseUrl + "/*")) {
            attributes.put("post.logout.redirect.uris", logout.isEmpty() ? gatewayBaseUrl + "/*" : logout + "##" + gatewayBaseUrl + "/*");
        }
        expect(send("PUT", admin("/clients/" + uuid), JSON.writeValueAsString(node)), 204, "update client " + clientId);
    }

    /** The organization's id, creating it the first time. */
    public String ensureOrganization(String alias, String name) {
        Optional<String> existing = organizationId(alias);
        if (existing.isPresent()) {
            return existing.get();
        }
        String body = JSON.writeValueAsString(Map.of("name", name, "alias", alias, "enabled", true,
                "domains", List.of(Map.of("name", alias + ".mcu.invalid", "verified", false))));
        expect(send("POST", admin("/organizations"), body), 201, "create organization " + alias);
        return organizationId(alias).orElseThrow();
    }

    /** Found by the organization's domain, which Keycloak searches exactly. */
    public Optional<String> organizationId(String alias) {
        JsonNode found = json(expect(send("GET", admin("/organizations?search=" + alias + ".mcu.invalid&exact=true&briefRepresentation=true"),
                null), 200, "find organization " + alias));
        return found.valueStream().filter(o -> alias.equals(o.path("alias").asString())).map(o -> o.get("id").asString()).findFirst();
    }

    /** The user's id, creating the user (with a permanent password) the first time. */
    public String ensureUser(String username, String password, String firstName, String lastName, String email) {
        return ensureUser(username, password, firstName, lastName, email, Map.of());
    }

    /** The same, with attributes (such as the municipal roles, {@code mcu_roles}) set at creation. */
    public String ensureUser(String username, String password, String firstName, String lastName, String email,
                             Map<String, List<String>> attributes) {
        Optional<String> existing = userId(username);
        if (existing.isPresent()) {
            return existing.get();
        }
        String body = JSON.writeValueAsString(Map.of("username", username, "enabled", true, "emailVerified", true,
                "firstName", firstName, "lastName", lastName, "email", email, "attributes", attributes,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        expect(send("POST", admin("/users"), body), 201, "create user " + username);
        return userId(username).orElseThrow();
    }

    /** Sets one attribute of an existing user to these values (the rest of the user as it is). */
    public void setAttribute(String userId, String name, List<String> values) {
        var user = (tools.jackson.databind.node.ObjectNode) json(expect(send("GET", admin("/users/" + userId), null), 200, "read user"));
        var attributes = user.has("attributes") && user.get("attributes").isObject()
                ? (tools.jackson.databind.node.ObjectNode) user.get("attributes") : user.putObject("attributes");
        var array = attributes.putArray(name);
        values.forEach(array::add);
        expect(send("PUT", admin("/users/" + userId), JSON.writeValueAsString(user)), 204, "update user attribute " + name);
    }

    public Optional<String> userId(String username) {
        return user(username).map(u -> u.get("id").asString());
    }

    /** The user's representation, by exact username. */
    public Optional<JsonNode> user(String username) {
        JsonNode users = json(expect(send("GET", admin("/users?exact=true&username=" + enc(username)), null), 200, "find user"));
        return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0));
    }

    /** Usernames of an organization's members. */
    public List<String> organizationMembers(String organizationId) {
        return json(expect(send("GET", admin("/organizations/" + organizationId + "/members?first=0&max=1000"), null), 200,
                "list members")).valueStream().map(m -> m.path("username").asString()).toList();
    }

    /** Sets a temporary password for a user who has not yet replaced the first one (a demo convenience). */
    public void resetTemporaryPasswordIfUnused(String username, String password) {
        user(username).filter(u -> u.path("requiredActions").toString().contains("UPDATE_PASSWORD")).ifPresent(u -> expect(
                send("PUT", admin("/users/" + u.get("id").asString() + "/reset-password"),
                        JSON.writeValueAsString(Map.of("type", "password", "value", password, "temporary", true))),
                204, "reset the password of " + username));
    }

    public void grantRealmRoles(String userId, List<String> roles) {
        if (roles.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder("[");
        for (String role : roles) {
            JsonNode representation = json(expect(send("GET", admin("/roles/" + enc(role)), null), 200, "find realm role " + role));
            body.append(body.length() > 1 ? "," : "").append(JSON.writeValueAsString(representation));
        }
        expect(send("POST", admin("/users/" + userId + "/role-mappings/realm"), body.append(']').toString()), 204,
                "grant realm roles " + roles);
    }

    public void addMember(String organizationId, String userId) {
        HttpResponse<String> response = send("POST", admin("/organizations/" + organizationId + "/members"), '"' + userId + '"');
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw failure("add member to organization", response);
        }
    }

    private String admin(String path) {
        return keycloak.baseUrl() + "/admin/realms/" + realm + path;
    }

    /** The admin token, reused until shortly before it expires: logging in hashes a password, which is slow by design. */
    private synchronized String token() {
        if (token != null && java.time.Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(keycloak.adminUsername())
                + "&password=" + enc(keycloak.adminPassword());
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode response = json(expect(call(request), 200, "log in as Keycloak admin"));
        token = response.get("access_token").asString();
        tokenExpires = java.time.Instant.now().plusSeconds(Math.max(5, response.path("expires_in").asLong(60) - 15));
        return token;
    }

    private HttpResponse<String> send(String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return call(request.build());
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackException("Keycloak at " + keycloak.baseUrl() + " did not answer " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw failure(what, response);
        }
        return response;
    }

    private static StackException failure(String what, HttpResponse<String> response) {
        return new StackException("Keycloak refused to " + what + ": HTTP " + response.statusCode() + " " + response.body());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
