package ru.mcu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ContextConfiguration;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.testsupport.BrowserSession;
import ru.mcu.platform.testsupport.RealServers;

/** The gateway as a browser meets it, against the real Keycloak and Redis (no services behind it). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = RealServers.class)
class GatewayLoginTest {
    @Value("${server.port}")
    int port;
    @Autowired
    StringRedisTemplate redis;

    @BeforeAll
    static void aUserOfOneMunicipality() {
        KeycloakAdmin admin = new KeycloakAdmin(RealServers.servers().keycloak(), PlatformRealm.REALM);
        String org = admin.ensureOrganization("gamma-town", "Гамма");
        String user = admin.ensureUser("gamma-staff", "секрет-123", "Галина", "Гаммова", "gamma@example.invalid");
        admin.grantRealmRoles(user, List.of("municipal-employee"));
        admin.addMember(org, user);
    }

    BrowserSession browser() {
        return new BrowserSession(URI.create("http://localhost:" + port));
    }

    @Test
    void anApiCallWithoutASessionIs401NotARedirect() {
        var page = browser().call("GET", "/api/me", null);
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(page.body()).contains("\"type\":\"urn:mcu:problem:unauthenticated\"").contains("войдите снова");
        // An anonymous API call leaves no session behind.
        assertThat(page.headers().allValues("Set-Cookie")).noneSatisfy(cookie -> assertThat(cookie).startsWith("MCU_SESSION="));
    }

    @Test
    void aSessionNobodySignedIntoIsShortLivedAndSigningInLengthensIt() {
        BrowserSession browser = browser();
        browser.call("GET", "/oauth2/authorization/keycloak", null, "Accept", "text/html");
        String anonymous = browser.cookie("MCU_SESSION").orElseThrow().getValue();
        Long ttl = redis.getExpire("spring:session:sessions:" + anonymous);
        assertThat(ttl).as("seconds an anonymous session lives").isPositive().isLessThanOrEqualTo(600);

        browser.logIn("gamma-staff", "секрет-123");
        String signedIn = browser.cookie("MCU_SESSION").orElseThrow().getValue();
        assertThat(redis.getExpire("spring:session:sessions:" + signedIn)).as("seconds a signed-in session lives").isGreaterThan(7 * 3600);
    }

    @Test
    void theCsrfTokenIsBoundToItsSession() {
        BrowserSession mine = browser();
        mine.logIn("gamma-staff", "секрет-123");
        BrowserSession other = browser();
        other.logIn("gamma-staff", "секрет-123");
        String othersToken = other.xsrfToken().orElseThrow();
        assertThat(mine.xsrfToken().orElseThrow()).isNotEqualTo(othersToken);
        // Another session's token does not open this one: the token is checked against the session, not a cookie.
        mine.forgetCookie("XSRF-TOKEN");
        var forged = mine.call("POST", "/logout", null, "X-XSRF-TOKEN", othersToken);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("urn:mcu:problem:csrf-token-invalid");
    }

    @Test
    void aPageWithoutASessionRedirectsToKeycloakWithAnHttpOnlySessionCookie() {
        BrowserSession browser = browser();
        var first = browser.call("GET", "/", null, "Accept", "text/html");
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("/oauth2/authorization/keycloak");

        var toKeycloak = browser.call("GET", "/oauth2/authorization/keycloak", null, "Accept", "text/html");
        assertThat(toKeycloak.status()).isEqualTo(302);
        assertThat(toKeycloak.headers().firstValue("Location").orElseThrow())
                .startsWith(RealServers.servers().keycloak().issuer("mcu") + "/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256");
        List<String> cookies = new java.util.ArrayList<>(first.headers().allValues("Set-Cookie"));
        cookies.addAll(toKeycloak.headers().allValues("Set-Cookie"));
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("MCU_SESSION=")
                .containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void loggingInKeepsTokensInRedisAndGivesTheBrowserOnlyCookies() {
        BrowserSession browser = browser();
        var home = browser.logIn("gamma-staff", "секрет-123");
        assertThat(home.status()).as(home.uri() + "\n" + home.body()).isEqualTo(200);
        assertThat(home.uri().toString()).startsWith("http://localhost:" + port + "/");
        assertThat(home.body()).contains("Платформа МЦУ");

        String session = browser.cookie("MCU_SESSION").orElseThrow().getValue();
        assertThat(browser.cookie("MCU_SESSION").orElseThrow().isHttpOnly()).isTrue();
        // The session, with the tokens in it, lives in Redis under the cookie's id.
        assertThat(redis.hasKey("spring:session:sessions:" + session)).isTrue();
        // No token ever reaches the browser: not in a cookie, not in the page.
        assertThat(session).doesNotStartWith("eyJ");
        assertThat(browser.xsrfToken()).isPresent();
        assertThat(home.body()).doesNotContain("eyJ");
    }

    /**
     * Every screen's URL opens the web application (a reload or a shared link of a message works),
     * never cached; its hashed assets are cached for good; the API keeps answering as the API.
     */
    @Test
    void everyScreensUrlOpensTheWebApplicationAndTheApiStaysTheApi() {
        BrowserSession browser = browser();
        browser.logIn("gamma-staff", "секрет-123");
        var card = browser.open("/messages/0b0e6c2e-6f4c-4b8e-9d0a-3f1f2d3c4b5a");
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.body()).contains("Платформа МЦУ").contains("<div id=\"root\">");
        assertThat(card.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");
        String script = java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(card.body()).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();
        var asset = browser.open(script);
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        // Compressed once by the build, not on every request: the browser that accepts Brotli gets the .br file as it is.
        var compressed = browser.call("GET", script, null, "Accept-Encoding", "br, gzip");
        assertThat(compressed.headers().firstValue("Content-Encoding")).contains("br");
        assertThat(compressed.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(compressed.headers().allValues("Vary").toString()).contains("Accept-Encoding");
        assertThat(asset.headers().firstValue("Content-Encoding")).as("a client that accepts no encoding gets the script itself").isEmpty();
        // The scripts carry no data and are the same for everyone: no session is read or made for them.
        var anonymous = browser().call("GET", script, null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.headers().allValues("Set-Cookie")).as("no session, no CSRF cookie for a script").isEmpty();
        assertThat(browser().call("GET", "/queue", null, "Accept", "text/html").headers().firstValue("Location"))
                .as("the application's page still needs the login").hasValue("/oauth2/authorization/keycloak");
        assertThat(Long.parseLong(compressed.headers().firstValue("Content-Length").orElseThrow()))
                .isLessThan(Long.parseLong(asset.headers().firstValue("Content-Length").orElseThrow()) / 2);
        var api = browser.call("GET", "/api/no-such-endpoint", null);
        assertThat(api.body()).doesNotContain("<div id=\"root\">");
        assertThat(browser.open("/favicon-missing.png").status()).isEqualTo(404);
        // The policy the page runs under: scripts from the gateway only.
        assertThat(card.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        // No tile server configured here: the map is told so, and the page may fetch from the gateway only.
        assertThat(browser.call("GET", "/api/ui/config", null).body()).isEqualTo("{\"mapTiles\":null,\"mapAttribution\":null}");
        assertThat(card.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("connect-src 'self';");
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
        BrowserSession browser = browser();
        browser.logIn("gamma-staff", "секрет-123");
        String token = browser.xsrfToken().orElseThrow();
        browser.forgetCookie("XSRF-TOKEN");
        var forged = browser.call("POST", "/logout", null);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("\"type\":\"urn:mcu:problem:csrf-token-invalid\"");

        // With the token, logout goes on to Keycloak's end-session endpoint.
        var logout = browser.call("POST", "/logout", null, "X-XSRF-TOKEN", token);
        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow())
                .startsWith(RealServers.servers().keycloak().issuer("mcu") + "/protocol/openid-connect/logout")
                .contains("id_token_hint=");
    }
}
