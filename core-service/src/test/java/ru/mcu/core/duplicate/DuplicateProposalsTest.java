package ru.mcu.core.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The card's proposed duplicates through the API, as the application's database role: the same pothole
 * told twice is proposed, the same words about another house, another category, a message older than
 * the window and another municipality's identical message are not.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicateProposalsTest {
    static final String TENANT = "duplicates-tashtagol";
    static final String OTHER = "duplicates-neighbour";
    static final String POTHOLE = "Огромная яма на дороге у дома 14 по улице Ленина, машины бьют колёса, уже неделю никто не ремонтирует";

    @Autowired
    MockMvc mvc;

    String first;
    String retold;
    String otherHouse;
    String otherCategory;
    String tooOld;
    String neighbours;

    @BeforeAll
    void messages(@Autowired StringRedisTemplate redis) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "tashtagol", OTHER);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        first = received(TENANT, now.minus(5, ChronoUnit.HOURS), POTHOLE, "roads", 52.76543, 87.88765);
        retold = received(TENANT, now.minus(2, ChronoUnit.HOURS), "На Ленина 14 яма на дорогу, колеса побили! Сделайте что-нибудь", "roads",
                52.76560, 87.88790);
        otherHouse = received(TENANT, now.minus(3, ChronoUnit.HOURS), "Огромная яма на дороге у дома 52 по улице Ленина, машины бьют колёса", "roads",
                null, null);
        otherCategory = received(TENANT, now.minus(4, ChronoUnit.HOURS), POTHOLE, "housing", null, null);
        tooOld = received(TENANT, now.minus(12, ChronoUnit.DAYS), POTHOLE, "roads", 52.76543, 87.88765);
        neighbours = received(OTHER, now.minus(1, ChronoUnit.HOURS), POTHOLE, "roads", 52.76543, 87.88765);
    }

    String received(String tenant, Instant at, String text, String category, Double latitude, Double longitude) throws Exception {
        String place = latitude == null ? "" : ",\"latitude\":" + latitude + ",\"longitude\":" + longitude;
        String body = mvc.perform(post("/api/intake/messages").with(Municipalities.connector(tenant, "im")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"im\",\"externalId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\"" + at + "\",\"text\":\"" + text
                                + "\",\"category\":\"" + category + "\"" + place + "}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    String proposals(String tenant, String id) throws Exception {
        return mvc.perform(get("/api/messages/" + id + "/duplicates").with(Municipalities.staff(tenant, "dispatcher", "im-responsible")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theSamePotholeToldTwiceIsProposedWithWhy() throws Exception {
        String body = proposals(TENANT, first);
        assertThat((List<String>) JsonPath.read(body, "$.proposals[*].id")).as(body).containsExactly(retold);
        assertThat((List<String>) JsonPath.read(body, "$.proposals[0].reasons")).anyMatch(r -> r.startsWith("те же номера: 14"))
                .anyMatch(r -> r.matches("в \\d+ м друг от друга"));
        assertThat((String) JsonPath.read(body, "$.proposals[0].stateName")).isNotBlank();
        // Compared with the other house's (same category, in the window), not with the other category's or the older one.
        assertThat((Integer) JsonPath.read(body, "$.compared")).isEqualTo(2);
        // And the other way round.
        assertThat((List<String>) JsonPath.read(proposals(TENANT, retold), "$.proposals[*].id")).containsExactly(first);
    }

    @Test
    void anotherMunicipalitysIdenticalMessageIsNeverProposedNorReachable() throws Exception {
        assertThat((List<String>) JsonPath.read(proposals(OTHER, neighbours), "$.proposals")).isEmpty();
        assertThat((Integer) JsonPath.read(proposals(OTHER, neighbours), "$.compared")).isZero();
        mvc.perform(get("/api/messages/" + first + "/duplicates").with(Municipalities.staff(OTHER, "dispatcher", "im-responsible")))
                .andExpect(status().isNotFound());
    }

    @Test
    void anExecutorNotGivenTheMessageDoesNotFindIt() throws Exception {
        mvc.perform(get("/api/messages/" + first + "/duplicates").with(Municipalities.staff(TENANT, "ispolnitel", "executor")))
                .andExpect(status().isNotFound());
    }
}
