package ru.mcu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.testsupport.BrowserSession;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Per-user limits at the gateway, counted in the real Redis: past the burst a signed-in user gets
 * a 429 problem with Retry-After, and another user of the same municipality is not held back by it.
 * The limits are lowered here so a handful of requests reach them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"mcu.rate-limits.user.per-second=1", "mcu.rate-limits.user.burst=3",
                "mcu.rate-limits.municipality.per-second=1000", "mcu.rate-limits.municipality.burst=1000",
                // Nothing listens there: an admitted request ends as a 503 problem.
                "MCU_TENANT_SERVICE_URI=http://127.0.0.1:9"})
@ContextConfiguration(initializers = RealServers.class)
class RateLimitTest {
    @Value("${server.port}")
    int port;

    @BeforeAll
    static void twoUsersOfOneMunicipality() {
        KeycloakAdmin admin = new KeycloakAdmin(RealServers.servers().keycloak(), PlatformRealm.REALM);
        String org = admin.ensureOrganization("delta-town", "Дельта");
        for (String name : List.of("delta-one", "delta-two")) {
            String user = admin.ensureUser(name, "секрет-456", "Дарья", "Дельтова", name + "@example.invalid");
            admin.grantRealmRoles(user, List.of("municipal-employee"));
            admin.addMember(org, user);
        }
    }

    @Test
    void pastItsBurstAUserIsToldToWaitAndOthersAreNot() {
        BrowserSession one = new BrowserSession(URI.create("http://localhost:" + port));
        one.logIn("delta-one", "секрет-456");
        List<BrowserSession.Page> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(one.call("GET", "/api/me", null));
        }
        // No service runs behind this gateway: admitted requests end as 503 problems, refused ones as 429.
        assertThat(answers.getFirst().status()).isNotEqualTo(429);
        List<BrowserSession.Page> refused = answers.stream().filter(page -> page.status() == 429).toList();
        assertThat(refused).as("requests over the burst of 3").hasSizeGreaterThanOrEqualTo(4);
        assertThat(refused.getFirst().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.getFirst().body()).contains("urn:mcu:problem:too-many-requests").contains("на пользователя");
        assertThat(answers.stream().filter(page -> page.status() != 429)).allSatisfy(page -> {
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.body()).contains("urn:mcu:problem:service-unavailable");
        });

        BrowserSession two = new BrowserSession(URI.create("http://localhost:" + port));
        two.logIn("delta-two", "секрет-456");
        assertThat(two.call("GET", "/api/me", null).status()).as("another user of the same municipality").isNotEqualTo(429);
    }
}
