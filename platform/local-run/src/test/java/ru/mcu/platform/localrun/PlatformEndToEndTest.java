package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.Net;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.testsupport.BrowserSession;
import ru.mcu.platform.testsupport.BrowserSession.Page;

/**
 * The whole platform as ./mcu run starts it (real PostgreSQL, Redis, Keycloak, the three services as
 * processes), used the way people use it: logging in at Keycloak through the gateway and calling
 * the API as the page's script does.
 */
class PlatformEndToEndTest {
    static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(Platform.Options.forTests(Path.of("target", "e2e-" + ProcessHandle.current().pid())));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            List<Integer> ports = List.of(URI.create(platform.gatewayUrl()).getPort());
            platform.close();
            // Nothing the platform started is left listening.
            assertThat(ports).noneMatch(Net::listening);
        }
    }

    static BrowserSession loggedIn(String user) {
        return loggedIn(user, user);
    }

    static BrowserSession loggedIn(String user, String password) {
        BrowserSession browser = new BrowserSession(URI.create(platform.gatewayUrl()));
        Page home = browser.logIn(user, password);
        assertThat(home.status()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains("Платформа МЦУ");
        return browser;
    }

    /**
     * A person on the staff of two municipalities chooses at Keycloak's login which one to work in,
     * and has there that municipality's roles only (roles belong to the membership).
     */
    @Test
    void aPersonOfTwoMunicipalitiesChoosesOneAtLoginAndHasItsRolesOnly() {
        KeycloakAdmin keycloak = new KeycloakAdmin(platform.servers().keycloak(), PlatformRealm.REALM);
        String id = keycloak.ensureUser("dvoe", "dvoe-Secret-1", "Дарья", "Двоеева", "dvoe@mcu.invalid");
        keycloak.grantRealmRoles(id, List.of("municipal-employee"));
        keycloak.setAttribute(id, PlatformRealm.MUNICIPAL_ROLES, List.of(PlatformRealm.membershipRole("irkutsk-district", "im-responsible"),
                PlatformRealm.membershipRole("ishim", "secretary")));
        keycloak.addMember(keycloak.organizationId("irkutsk-district").orElseThrow(), id);
        keycloak.addMember(keycloak.organizationId("ishim").orElseThrow(), id);

        BrowserSession inIshim = new BrowserSession(URI.create(platform.gatewayUrl()));
        assertThat(inIshim.logIn("dvoe", "dvoe-Secret-1", "ishim").status()).isEqualTo(200);
        Page me = inIshim.call("GET", "/api/me", null);
        assertThat((String) JsonPath.read(me.body(), "$.municipality.id")).isEqualTo("ishim");
        assertThat((List<String>) JsonPath.read(me.body(), "$.municipalRoles[*].code")).containsExactly("secretary");
        assertThat(inIshim.call("GET", "/api/messages", null).status()).as("the secretary works in Ishim").isEqualTo(200);

        BrowserSession inIrkutsk = new BrowserSession(URI.create(platform.gatewayUrl()));
        assertThat(inIrkutsk.logIn("dvoe", "dvoe-Secret-1", "irkutsk-district").status()).isEqualTo(200);
        me = inIrkutsk.call("GET", "/api/me", null);
        assertThat((String) JsonPath.read(me.body(), "$.municipality.id")).isEqualTo("irkutsk-district");
        assertThat((List<String>) JsonPath.read(me.body(), "$.municipalRoles[*].code")).containsExactly("im-responsible");
    }

    @Test
    void eachDemoUserSeesWhoTheyAreTheirMunicipalityAndRoles() {
        Page irkutsk = loggedIn("irkutsk").call("GET", "/api/me", null);
        assertThat(irkutsk.status()).isEqualTo(200);
        assertThat((String) JsonPath.read(irkutsk.body(), "$.username")).isEqualTo("irkutsk");
        assertThat((String) JsonPath.read(irkutsk.body(), "$.name")).isEqualTo("Ирина Иркутская");
        assertThat((String) JsonPath.read(irkutsk.body(), "$.municipality.id")).isEqualTo("irkutsk-district");
        assertThat((String) JsonPath.read(irkutsk.body(), "$.municipality.name")).isEqualTo("Иркутское районное муниципальное образование");
        // Every date of its work is shown and entered in the municipality's zone, from its template.
        assertThat((String) JsonPath.read(irkutsk.body(), "$.municipality.timeZone")).isEqualTo("Asia/Irkutsk");
        assertThat((List<String>) JsonPath.read(irkutsk.body(), "$.roles")).containsExactly("municipal-employee");

        Page operator = loggedIn("operator").call("GET", "/api/me", null);
        assertThat((Object) JsonPath.read(operator.body(), "$.municipality")).isNull();
        assertThat((List<String>) JsonPath.read(operator.body(), "$.roles")).containsExactly("regional-operator");
    }

    @Test
    void aMessageIsInvisibleToTheOtherMunicipalityThroughEveryCall() {
        BrowserSession irkutsk = loggedIn("irkutsk");
        Page created = irkutsk.call("POST", "/api/messages",
                "{\"channel\":\"im\",\"text\":\"Не работает освещение на ул. Ленина\",\"citizen\":{\"name\":\"Петров П. П.\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        String path = "/api/messages/" + id;
        assertThat(irkutsk.call("GET", path, null).body()).contains("Не работает освещение на ул. Ленина");

        BrowserSession ishim = loggedIn("ishim");
        Page missing = ishim.call("GET", "/api/messages/" + java.util.UUID.randomUUID(), null);
        Page foreign = ishim.call("GET", path, null);
        assertThat(foreign.status()).isEqualTo(404);
        // Indistinguishable from a message that does not exist, apart from the id itself.
        // Each answer has its own request id; apart from it, another's message and a missing one look the same.
        assertThat(foreign.body().replace(id, "ID").replaceAll("\"requestId\":\"[^\"]*\"", ""))
                .isEqualTo(missing.body().replaceAll("[0-9a-f-]{36}", "ID").replaceAll("\"requestId\":\"[^\"]*\"", ""));
        assertThat(ishim.call("POST", path + "/actions/take-into-work", "{}").status()).isEqualTo(404);
        assertThat(ishim.call("GET", "/api/messages", null).body()).doesNotContain(id);
        // A tenant header forged by the client is dropped by the gateway and ignored by the services.
        assertThat(ishim.call("GET", path, null, "X-Tenant-Id", "irkutsk-district").status()).isEqualTo(404);

        assertThat(irkutsk.call("GET", path, null).body()).contains("Не работает освещение на ул. Ленина");
    }

    @Test
    void theRegionalOperatorListsTheMunicipalitiesAndMunicipalStaffCannot() {
        BrowserSession operator = loggedIn("operator");
        Page list = operator.call("GET", "/api/platform/municipalities", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(list.body(), "$[*].id")).contains("irkutsk-district", "ishim");
        // The operator belongs to no municipality, so municipal data is closed to them.
        assertThat(operator.call("GET", "/api/messages", null).status()).isEqualTo(403);

        assertThat(loggedIn("ishim").call("GET", "/api/platform/municipalities", null).status()).isEqualTo(403);
    }

    @Test
    void aStateChangingCallWithoutTheCsrfTokenIsRefusedAndNothingIsWritten() {
        BrowserSession irkutsk = loggedIn("irkutsk");
        irkutsk.forgetCookie("XSRF-TOKEN");
        assertThat(irkutsk.call("POST", "/api/messages", "{\"channel\":\"im\",\"text\":\"без токена\"}").status()).isEqualTo(403);
        assertThat(irkutsk.call("GET", "/api/messages", null).body()).doesNotContain("без токена");
    }

    @Test
    void theFiveMunicipalitiesAreOnboardedWithAUserForEachRole() {
        Page list = loggedIn("operator").call("GET", "/api/platform/municipalities", null);
        assertThat((List<String>) JsonPath.read(list.body(), "$[?(@.status == 'ACTIVE')].id"))
                .contains("irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim");
        Page me = loggedIn("tashtagol-im-responsible", "demo").call("GET", "/api/me", null);
        assertThat((String) JsonPath.read(me.body(), "$.municipality.id")).isEqualTo("tashtagol");
        assertThat((List<String>) JsonPath.read(me.body(), "$.municipalRoles[*].name"))
                .containsExactly("Ответственный за работу в системе «Инцидент менеджмент»");
    }

    @Test
    void suspendingAMunicipalityLocksItsStaffOutUntilItIsResumed() {
        BrowserSession staff = loggedIn("nyuksenitsa-head", "demo");
        assertThat(staff.call("GET", "/api/messages", null).status()).isEqualTo(200);
        BrowserSession operator = loggedIn("operator");

        assertThat(operator.call("POST", "/api/platform/municipalities/nyuksenitsa/suspend", null).status()).isEqualTo(200);
        // A session opened before the suspension is refused by core-service…
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> staff.call("GET", "/api/messages", null).status() == 403);
        // …and nobody of the municipality can log in: Keycloak keeps them on its side.
        Page refused = new BrowserSession(URI.create(platform.gatewayUrl())).logIn("nyuksenitsa-curator", "demo");
        assertThat(refused.uri().toString()).doesNotStartWith(platform.gatewayUrl());
        assertThat(refused.body()).contains("Учетная запись заблокирована");
        // Other municipalities work on.
        assertThat(loggedIn("irkutsk").call("GET", "/api/messages", null).status()).isEqualTo(200);

        assertThat(operator.call("POST", "/api/platform/municipalities/nyuksenitsa/resume", null).status()).isEqualTo(200);
        BrowserSession again = loggedIn("nyuksenitsa-curator", "demo");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> again.call("GET", "/api/messages", null).status() == 200);
    }

    @Test
    void withoutASessionTheApiAnswers401() {
        assertThat(new BrowserSession(URI.create(platform.gatewayUrl())).call("GET", "/api/me", null).status()).isEqualTo(401);
    }

    /**
     * The machine API with real client credentials: the regional operator issues a connector for one
     * municipality and channel; its token (client_credentials at Keycloak) posts a message to
     * core-service, which only that municipality's staff then see.
     */
    @Test
    void aConnectorIssuedByTheOperatorPushesMessagesOnlyIntoItsMunicipalityAndChannel() throws Exception {
        BrowserSession operator = loggedIn("operator");
        String name = "im-" + Long.toHexString(System.nanoTime());
        Page issued = operator.call("POST", "/api/platform/municipalities/irkutsk-district/connectors",
                "{\"name\":\"" + name + "\",\"channels\":[\"im\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(operator.call("POST", "/api/platform/municipalities/irkutsk-district/connectors",
                "{\"name\":\"x\",\"channels\":[\"fax\"]}").status()).isEqualTo(422);
        assertThat(loggedIn("irkutsk").call("POST", "/api/platform/municipalities/irkutsk-district/connectors",
                "{\"name\":\"y\",\"channels\":[\"im\"]}").status()).isEqualTo(403);

        var http = java.net.http.HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + JsonPath.read(issued.body(), "$.clientId") + "&client_secret="
                + JsonPath.read(issued.body(), "$.clientSecret");
        var tokenResponse = http.send(java.net.http.HttpRequest.newBuilder(URI.create(platform.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        String token = JsonPath.read(tokenResponse.body(), "$.access_token");

        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> post = (path, json) -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(URI.create(platform.coreUrl() + path)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String message = "{\"channel\":\"im\",\"externalId\":\"" + name + "-1\",\"receivedAt\":\"" + java.time.Instant.now().minusSeconds(30)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"text\":\"Не вывезен мусор на ул. Советской\"}";
        var created = post.apply("/api/intake/messages", message);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(post.apply("/api/intake/messages", message).statusCode()).as("a retry").isEqualTo(200);
        var otherChannel = post.apply("/api/intake/messages", message.replace("\"im\"", "\"pos\""));
        assertThat(otherChannel.statusCode()).as(otherChannel.body()).isEqualTo(403);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(URI.create(platform.coreUrl() + "/api/messages"))
                .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("a connector has no staff API").isEqualTo(403);

        String id = JsonPath.read(created.body(), "$.id");
        Page seen = loggedIn("irkutsk").call("GET", "/api/messages/" + id, null);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).contains("Не вывезен мусор на ул. Советской");
        assertThat(loggedIn("ishim").call("GET", "/api/messages/" + id, null).status()).isEqualTo(404);

        // Rotating the secret: the old one is refused at once, the new one gets a token.
        String clientId = JsonPath.read(issued.body(), "$.clientId");
        String oldSecret = JsonPath.read(issued.body(), "$.clientSecret");
        Page rotated = operator.call("POST", "/api/platform/municipalities/irkutsk-district/connectors/" + clientId + "/secret", null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = JsonPath.read(rotated.body(), "$.clientSecret");
        assertThat(newSecret).isNotEqualTo(oldSecret);
        java.util.function.Function<String, Integer> tokenStatus = secret -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(URI.create(platform.issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(tokenStatus.apply(oldSecret)).isEqualTo(401);
        assertThat(tokenStatus.apply(newSecret)).isEqualTo(200);
        // Another municipality's operator path does not reach it; revoking ends it.
        assertThat(operator.call("DELETE", "/api/platform/municipalities/ishim/connectors/" + clientId, null).status()).isEqualTo(404);
        assertThat(operator.call("DELETE", "/api/platform/municipalities/irkutsk-district/connectors/" + clientId, null).status()).isEqualTo(204);
        assertThat(tokenStatus.apply(newSecret)).isEqualTo(401);
        assertThat(operator.call("GET", "/api/platform/municipalities/irkutsk-district/connectors", null).body()).doesNotContain(clientId);
    }
}
