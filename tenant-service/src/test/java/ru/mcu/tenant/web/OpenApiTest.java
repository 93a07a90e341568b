package ru.mcu.tenant.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.platform.testsupport.OpenApiSnapshot;
import ru.mcu.platform.testsupport.RealServers;

/** tenant-service describes its API in OpenAPI, without a token: the front end's client is generated from it. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class OpenApiTest {
    @Autowired
    MockMvc mvc;

    @Test
    void theApiIsDescribedEndpointByEndpoint() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        java.util.Map<String, Object> paths = JsonPath.read(doc, "$.paths");
        assertThat(paths).containsKeys("/api/me", "/api/staff", "/api/staff/{id}/roles", "/api/platform/municipalities",
                "/api/platform/onboarding/check", "/api/platform/municipalities/{slug}/connectors");
    }

    /** The web application's client is generated from the committed description, which must be this service's. */
    @Test
    void theFrontEndsCopyOfTheDescriptionIsCurrent() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        OpenApiSnapshot.assertMatches(doc, OpenApiSnapshot.committed("tenant-service"));
    }
}
