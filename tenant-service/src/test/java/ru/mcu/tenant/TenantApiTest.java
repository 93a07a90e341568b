package ru.mcu.tenant;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import ru.mcu.platform.testsupport.RealServers;
import ru.mcu.tenant.municipality.Municipality;
import ru.mcu.tenant.municipality.MunicipalityRepository;

@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class TenantApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    MunicipalityRepository municipalities;

    @BeforeEach
    void twoMunicipalities() {
        municipalities.save(new Municipality("alpha-town", "Город Альфа", "Первая область", Instant.now()));
        municipalities.save(new Municipality("beta-city", "Бета-город", "Вторая область", Instant.now()));
    }

    static RequestPostProcessor user(String username, List<String> organizations, String... roles) {
        return Tokens.user(username, organizations, roles);
    }

    @Test
    void staffSeeThemselvesTheirMunicipalityAndRoles() throws Exception {
        mvc.perform(get("/api/me").with(user("ivanova", List.of("alpha-town"), "municipal-employee", "offline_access")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("ivanova"))
                .andExpect(jsonPath("$.name").value("Имя ivanova"))
                .andExpect(jsonPath("$.municipality.id").value("alpha-town"))
                .andExpect(jsonPath("$.municipality.name").value("Город Альфа"))
                .andExpect(jsonPath("$.roles", contains("municipal-employee")));
    }

    @Test
    void theRegionalOperatorHasNoMunicipalityButListsThemAll() throws Exception {
        var operator = user("operator", List.of(), "regional-operator");
        mvc.perform(get("/api/me").with(operator))
                .andExpect(jsonPath("$.municipality").value(nullValue()))
                .andExpect(jsonPath("$.roles", contains("regional-operator")));
        mvc.perform(get("/api/platform/municipalities").with(operator))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem("alpha-town")))
                .andExpect(jsonPath("$[*].id", hasItem("beta-city")))
                .andExpect(jsonPath("$[?(@.id == 'beta-city')].name", contains("Бета-город")))
                .andExpect(jsonPath("$[?(@.id == 'beta-city')].status", contains("ACTIVE")));
    }

    @Test
    void municipalStaffCannotListMunicipalities() throws Exception {
        mvc.perform(get("/api/platform/municipalities").with(user("ivanova", List.of("alpha-town"), "municipal-employee")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/platform/municipalities")).andExpect(status().isUnauthorized());
    }

    @Test
    void healthIsOpenForProbes() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }
}
