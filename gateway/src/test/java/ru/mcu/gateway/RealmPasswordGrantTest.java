package ru.mcu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.testsupport.RealServers;

/**
 * No client of the platform's realm hands out tokens for a username and password sent to the token
 * endpoint (the resource-owner password grant): people log in only through Keycloak's own form.
 */
class RealmPasswordGrantTest {
    static final String USER = "epsilon-staff";
    static final String PASSWORD = "секрет-789";

    @BeforeAll
    static void aUserWithAKnownPassword() {
        PlatformRealm.apply(RealServers.servers().keycloak());
        KeycloakAdmin admin = new KeycloakAdmin(RealServers.servers().keycloak(), PlatformRealm.REALM);
        String user = admin.ensureUser(USER, PASSWORD, "Елена", "Эпсилонова", "epsilon@example.invalid");
        admin.grantRealmRoles(user, List.of("municipal-employee"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"admin-cli", "account-console", "security-admin-console", PlatformRealm.GATEWAY_CLIENT, PlatformRealm.TENANT_SERVICE_CLIENT})
    void theClientRefusesThePasswordGrant(String client) throws Exception {
        StringBuilder form = new StringBuilder("grant_type=password&client_id=").append(client)
                .append("&username=").append(USER).append("&password=").append(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        if (client.startsWith("mcu-")) {
            form.append("&client_secret=").append(URLEncoder.encode(PlatformRealm.clientSecret(RealServers.servers().keycloak(), client),
                    StandardCharsets.UTF_8));
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RealServers.servers().keycloak().issuer(PlatformRealm.REALM) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 401);
        assertThat(answer.body()).doesNotContain("access_token").containsAnyOf("unauthorized_client", "invalid_client");
    }
}
