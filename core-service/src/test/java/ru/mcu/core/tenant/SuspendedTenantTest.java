package ru.mcu.core.tenant;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import ru.mcu.platform.testsupport.RealServers;

/** core-service follows the status tenant-service publishes in Redis, and drops its cache when told. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class SuspendedTenantTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    StringRedisTemplate redis;

    void publish(String slug, String status) {
        ru.mcu.core.Municipalities.publish(redis, "barnaul", slug, status);
    }

    int statusOfList(String slug) throws Exception {
        return mvc.perform(get("/api/messages").with(ru.mcu.core.Municipalities.staff(slug, "staff-of-" + slug, "staff")))
                .andReturn().getResponse().getStatus();
    }

    @Test
    void aMunicipalityWithNoPublishedStatusIsRefused() throws Exception {
        mvc.perform(get("/api/messages").with(ru.mcu.core.Municipalities.staff("never-onboarded", "staff-of-never-onboarded", "staff")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.tenantStatus").value("UNKNOWN"));
    }

    @Test
    void aSuspendedMunicipalityIsRefusedAndAResumedOneWorksAgain() throws Exception {
        publish("omega-town", "ACTIVE");
        await().atMost(Duration.ofSeconds(5)).until(() -> statusOfList("omega-town") == 200);

        publish("omega-town", "SUSPENDED");
        await().atMost(Duration.ofSeconds(5)).until(() -> statusOfList("omega-town") == 403);
        mvc.perform(get("/api/messages").with(ru.mcu.core.Municipalities.staff("omega-town", "staff-of-omega-town", "staff")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Муниципалитет не работает"))
                .andExpect(jsonPath("$.tenantStatus").value("SUSPENDED"));
        // Another municipality is not affected.
        publish("psi-town", "ACTIVE");
        await().atMost(Duration.ofSeconds(5)).until(() -> statusOfList("psi-town") == 200);

        publish("omega-town", "ACTIVE");
        await().atMost(Duration.ofSeconds(5)).until(() -> statusOfList("omega-town") == 200);
    }
}
