package ru.mcu.core.message;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.platform.testsupport.RealServers;

/** The message API as a municipality's staff use it, with tokens shaped like Keycloak's. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class MessageApiTest {
    @Autowired
    MockMvc mvc;

    /** Both municipalities are onboarded and active, as tenant-service would have published. */
    @org.junit.jupiter.api.BeforeAll
    static void activeMunicipalities(@Autowired org.springframework.data.redis.core.StringRedisTemplate redis) {
        for (String slug : List.of("alpha-town", "beta-city")) {
            redis.opsForValue().set("mcu:tenant:" + slug, "{\"slug\":\"" + slug + "\",\"status\":\"ACTIVE\"}");
        }
    }

    static RequestPostProcessor staffOf(String... organizations) {
        return jwt().jwt(token -> token.claim("preferred_username", "staff-of-" + String.join("+", organizations))
                .claim("organization", List.of(organizations))
                .claim("realm_access", java.util.Map.of("roles", List.of("municipal-employee"))));
    }

    String register(String tenant, String text) throws Exception {
        String body = mvc.perform(post("/api/messages").with(staffOf(tenant)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"" + text + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/messages/")))
                .andExpect(jsonPath("$.text").value(text))
                .andExpect(jsonPath("$.createdBy").value("staff-of-" + tenant))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    @Test
    void staffRegisterAMessageAndReadItBack() throws Exception {
        String id = register("alpha-town", "Яма на дороге у школы №3");
        mvc.perform(get("/api/messages/" + id).with(staffOf("alpha-town")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.text").value("Яма на дороге у школы №3"));
        mvc.perform(get("/api/messages").with(staffOf("alpha-town")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem(id)));
    }

    @Test
    void anotherMunicipalityCannotReadListChangeOrDetectTheMessage() throws Exception {
        String id = register("alpha-town", "Не вывезен мусор");
        String missing = java.util.UUID.randomUUID().toString();

        // Someone else's message answers exactly like one that does not exist.
        mvc.perform(get("/api/messages/" + id).with(staffOf("beta-city")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Сообщение не найдено"));
        mvc.perform(get("/api/messages/" + missing).with(staffOf("beta-city")))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/messages/" + id).with(staffOf("beta-city")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"подменённый текст\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/messages").with(staffOf("beta-city")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", not(hasItem(id))));

        // And the owner still sees the text unchanged.
        mvc.perform(get("/api/messages/" + id).with(staffOf("alpha-town")))
                .andExpect(jsonPath("$.text").value("Не вывезен мусор"));
    }

    @Test
    void aForgedTenantHeaderChangesNothing() throws Exception {
        String id = register("alpha-town", "Не горит фонарь");
        mvc.perform(get("/api/messages/" + id).with(staffOf("beta-city")).header("X-Tenant-Id", "alpha-town"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/messages").with(staffOf("beta-city")).param("tenant", "alpha-town"))
                .andExpect(jsonPath("$[*].id", not(hasItem(id))));
    }

    @Test
    void aTokenWithNoOrSeveralOrganizationsIsRefused() throws Exception {
        mvc.perform(get("/api/messages").with(staffOf())).andExpect(status().isForbidden());
        mvc.perform(get("/api/messages").with(staffOf("alpha-town", "beta-city"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/messages")).andExpect(status().isUnauthorized());
    }

    @Test
    void aBlankOrOversizedTextIsAProblemThatNamesTheField() throws Exception {
        mvc.perform(post("/api/messages").with(staffOf("alpha-town")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")))
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        mvc.perform(post("/api/messages").with(staffOf("alpha-town")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"" + "я".repeat(10_001) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        mvc.perform(post("/api/messages").with(staffOf("alpha-town")).contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")));
        mvc.perform(get("/api/messages/not-a-uuid").with(staffOf("alpha-town")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/messages").with(staffOf("alpha-town")))
                .andExpect(jsonPath("$[*].text", everyItem(not("  "))));
    }
}
