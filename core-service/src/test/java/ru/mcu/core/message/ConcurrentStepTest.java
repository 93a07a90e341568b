package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/** Two people act on one message at once: one wins, the other gets 409 with the message as the winner left it. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class ConcurrentStepTest {
    static final String TENANT = "race-tashtagol";

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", TENANT);
    }

    String message() throws Exception {
        return Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(5), "Нет воды");
    }

    @RepeatedTest(3)
    void twoResponsiblesTakeTheSameMessageAtOnce() throws Exception {
        String id = message();
        long version = ((Number) JsonPath.read(mvc.perform(get("/api/messages/" + id).with(Municipalities.staff(TENANT, "h", "head")))
                .andReturn().getResponse().getContentAsString(), "$.message.version")).longValue();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MockHttpServletResponse>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (String who : List.of("first", "second")) {
                results.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(post("/api/messages/" + id + "/actions/take-into-work")
                            .with(Municipalities.staff(TENANT, who, "im-responsible")).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"version\":" + version + ",\"comment\":\"" + who + "\"}")).andReturn().getResponse();
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        String loser = null;
        for (var result : results) {
            MockHttpServletResponse response = result.get();
            statuses.add(response.getStatus());
            if (response.getStatus() == 409) {
                loser = response.getContentAsString();
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat((String) JsonPath.read(loser, "$.current.state")).isEqualTo("in-work");
        assertThat(((Number) JsonPath.read(loser, "$.current.version")).longValue()).isEqualTo(version + 1);
        // Exactly one step was recorded.
        String audit = mvc.perform(get("/api/audit/messages/" + id).with(Municipalities.staff(TENANT, "h", "head"))).andReturn().getResponse()
                .getContentAsString();
        assertThat((List<String>) JsonPath.read(audit, "$[*].action")).containsExactly("forward", "take-into-work");
    }

    @Test
    void aStaleVersionIsRefusedEvenWithoutARace() throws Exception {
        String id = message();
        mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(Municipalities.staff(TENANT, "x", "im-responsible"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":41}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:mcu:problem:concurrent-change"))
                .andExpect(jsonPath("$.current.state").value("new"));
    }
}
