package ru.mcu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import ru.mcu.platform.testsupport.RealServers;

/**
 * A browser keeps its connection to the gateway after a refusal and sends the next request on it.
 * Reactor Netty 1.3.6 sometimes stopped reading such a connection after a quick answer, and the next
 * request waited until the browser gave up (the end-to-end CSRF test saw it as a 30 s timeout).
 * One refusal in a few dozen was enough, so the test repeats the pair a hundred times.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = RealServers.class)
class KeepAliveAfterRefusalTest {
    private static final int PAIRS = 100;

    @Value("${server.port}")
    int port;

    // A token the client made up itself (in header and cookie alike) is no token: it is not the session's.
    @ParameterizedTest(name = "{3} {0} refused with {2}, then the same connection still answers")
    @CsvSource(delimiter = '|', value = {
            "/api/messages | ''      | 403 | POST",
            "/api/messages | t       | 403 | POST",
            "/api/messages | ''      | 401 | GET",
            "/logout       | ''      | 403 | POST"})
    void everyRequestAfterARefusalIsAnswered(String path, String csrfToken, int refusal, String method) throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> unanswered = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{\"channel\":\"im\",\"text\":\"без токена\"}"));
            if (!csrfToken.isEmpty()) {
                post.header("X-XSRF-TOKEN", csrfToken).header("Cookie", "XSRF-TOKEN=" + csrfToken);
            }
            assertThat(browser.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(refusal);
            try {
                HttpResponse<String> health = browser.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            } catch (HttpTimeoutException e) {
                unanswered.add("pair " + pair);
            }
        }
        assertThat(unanswered).as("requests after a refusal that got no answer within 5 s").isEmpty();
    }
}
