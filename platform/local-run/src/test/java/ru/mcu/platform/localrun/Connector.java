package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Executors;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.platform.testsupport.BrowserSession;

/**
 * A channel connector as an external system holds one: issued by the regional operator through the
 * console's API, it posts to core-service with its own client-credentials token from Keycloak.
 */
final class Connector {
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Platform platform;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private long tokenAt;

    private Connector(Platform platform, String clientId, String clientSecret) {
        this.platform = platform;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Issued by the operator (already logged in) for these channels of the municipality. */
    static Connector issue(Platform platform, BrowserSession operator, String municipality, List<String> channels) {
        String names = String.join(",", channels.stream().map(c -> "\"" + c + "\"").toList());
        BrowserSession.Page issued = operator.call("POST", "/api/platform/municipalities/" + municipality + "/connectors",
                "{\"name\":\"bench-" + Long.toHexString(System.nanoTime()) + "\",\"channels\":[" + names + "]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return new Connector(platform, JsonPath.read(issued.body(), "$.clientId"), JsonPath.read(issued.body(), "$.clientSecret"));
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return post(platform.coreUrl(), path, json);
    }

    /** To whichever core-service it is pointed at (one started beside the platform's takes the same token: same issuer, same audience). */
    HttpResponse<String> post(String coreUrl, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(coreUrl + path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fetches the token now, so that the first request timed does not wait for Keycloak. */
    void warmUp() throws Exception {
        token();
    }

    /** The access token, fetched again well before Keycloak's lifetime runs out. */
    private synchronized String token() throws Exception {
        if (token == null || System.nanoTime() - tokenAt > 60_000_000_000L) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + clientSecret)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            token = JsonPath.read(response.body(), "$.access_token");
            tokenAt = System.nanoTime();
        }
        return token;
    }
}
