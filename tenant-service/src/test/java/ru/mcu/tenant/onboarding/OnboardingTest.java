package ru.mcu.tenant.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/** Onboarding as the regional operator does it, against the real Keycloak, PostgreSQL and Redis. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class OnboardingTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ObjectMapper json;
    @Autowired
    Templates templates;
    @Autowired
    ConfigurationPublisher publisher;
    @Autowired
    Onboarding onboarding;
    @Autowired
    ru.mcu.tenant.staff.Memberships memberships;
    @Autowired
    TemplateRequests requests;

    static final RequestPostProcessor OPERATOR = ru.mcu.tenant.Tokens.operator();

    static String minimal() throws Exception {
        return new String(OnboardingTest.class.getResourceAsStream("/templates/minimal.yaml").readAllBytes(), StandardCharsets.UTF_8);
    }

    String request(String slug, String email) throws Exception {
        return json.writeValueAsString(Map.of("templateYaml", minimal(), "slug", slug, "officialName", "Посёлок " + slug,
                "population", 1234, "adminEmail", email));
    }

    KeycloakAdmin keycloak() {
        return new KeycloakAdmin(RealServers.servers().keycloak(), PlatformRealm.REALM);
    }

    /** Configuration versions of the municipality, read as the municipality (row-level security). */
    long configurations(String slug) throws Exception {
        Long count = CurrentTenant.call(slug, () -> tx.execute(s -> jdbc.queryForObject("select count(*) from tenant_configuration", Long.class)));
        return count;
    }

    long organizationsWithAlias(String alias) {
        return keycloak().organizationId(alias).stream().count();
    }

    @Test
    void onboardingCreatesEverythingAndRepeatingItChangesNothing() throws Exception {
        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(request("alpha-posad", "head@alpha-posad.invalid")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.steps[*].status").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("DONE"))))
                .andExpect(jsonPath("$.steps.length()").value(6))
                .andExpect(jsonPath("$.temporaryPassword").isNotEmpty());

        // Keycloak: the organization with the slug as alias, and the administrator, a member, to change the password at first login.
        assertThat(organizationsWithAlias("alpha-posad")).isEqualTo(1);
        var admin = keycloak().user("head@alpha-posad.invalid").orElseThrow();
        assertThat(admin.path("requiredActions").toString()).contains("UPDATE_PASSWORD");
        assertThat(keycloak().organizationMembers(keycloak().organizationId("alpha-posad").orElseThrow()))
                .contains("head@alpha-posad.invalid");
        // The configuration, tenant-owned, with the operator's names.
        Map<String, Object> config = CurrentTenant.call("alpha-posad", () -> tx.execute(s -> jdbc.queryForMap(
                "select version, config->'profile'->>'officialName' as name, (config->'profile'->>'population')::int as population, "
                        + "jsonb_array_length(config->'roles') as roles from tenant_configuration")));
        assertThat(config).containsEntry("version", 1).containsEntry("name", "Посёлок alpha-posad")
                .containsEntry("population", 1234).containsEntry("roles", 2);
        // Published for core-service.
        assertThat(json.readTree(redis.opsForValue().get("mcu:tenant:alpha-posad")).path("status").asString()).isEqualTo("ACTIVE");
        // What core-service will read: the one published type, with the configuration as onboarded.
        var published = ru.mcu.platform.publication.PublishedMunicipality.fromJson(json,
                redis.opsForValue().get(ru.mcu.platform.publication.PublishedMunicipality.key("alpha-posad")));
        assertThat(published.status()).isEqualTo("ACTIVE");
        assertThat(published.version()).isEqualTo(1);
        assertThat(published.configuration().path("profile").path("slug").asString()).isEqualTo("alpha-posad");
        assertThat(published.configuration().path("regulations").isArray()).isTrue();

        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(request("alpha-posad", "head@alpha-posad.invalid")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.temporaryPassword").doesNotExist());
        assertThat(organizationsWithAlias("alpha-posad")).isEqualTo(1);
        assertThat(configurations("alpha-posad")).isEqualTo(1);
        mvc.perform(get("/api/platform/municipalities/alpha-posad").with(OPERATOR))
                .andExpect(jsonPath("$.steps[0].title").value("Запись муниципалитета"));
    }

    @Test
    void aFailureMidWayLeavesAVisibleFailedStateAndAResumeCompletesWithoutDuplicates() throws Exception {
        // Keycloak "down": a directory pointed at a port nobody listens on.
        KeycloakDirectory down = new KeycloakDirectory(new ru.mcu.tenant.keycloak.KeycloakAdminApi("http://127.0.0.1:9/realms/mcu", "mcu-tenant-service", "x"));
        Onboarding broken = new Onboarding(templates, down, publisher, jdbc, tx, json, memberships, requests);
        OnboardingReport failed = broken.onboard(new OnboardingRequest(null, minimal(), "beta-posad", null, null, null,
                "head@beta-posad.invalid"), "operator");
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failure()).startsWith("Организация в Keycloak");
        assertThat(failed.steps()).extracting(OnboardingReport.StepResult::status)
                .containsExactly("DONE", "FAILED", "PENDING", "PENDING", "PENDING", "PENDING");
        mvc.perform(get("/api/platform/municipalities").with(OPERATOR))
                .andExpect(jsonPath("$[?(@.id == 'beta-posad')].status").value("FAILED"));

        mvc.perform(post("/api/platform/municipalities/beta-posad/resume-onboarding").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.failure").doesNotExist())
                .andExpect(jsonPath("$.temporaryPassword").isNotEmpty());
        // Finished: there is nothing to resume.
        mvc.perform(post("/api/platform/municipalities/beta-posad/resume-onboarding").with(OPERATOR))
                .andExpect(status().isConflict());
        assertThat(organizationsWithAlias("beta-posad")).isEqualTo(1);
        assertThat(keycloak().organizationMembers(keycloak().organizationId("beta-posad").orElseThrow())).hasSize(1);
    }

    @Test
    void suspendingStopsItsUsersAndResumingBringsThemBack() throws Exception {
        onboarding.onboard(new OnboardingRequest(null, minimal(), "gamma-posad", null, null, null, "head@gamma-posad.invalid"), "operator");

        mvc.perform(post("/api/platform/municipalities/gamma-posad/suspend").with(OPERATOR))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUSPENDED"));
        assertThat(keycloak().user("head@gamma-posad.invalid").orElseThrow().path("enabled").asBoolean()).isFalse();
        assertThat(json.readTree(redis.opsForValue().get("mcu:tenant:gamma-posad")).path("status").asString()).isEqualTo("SUSPENDED");
        // Data is kept.
        assertThat(configurations("gamma-posad")).isEqualTo(1);

        // Repeating the original onboarding request does not bring it back.
        onboarding.onboard(new OnboardingRequest(null, minimal(), "gamma-posad", null, null, null, "head@gamma-posad.invalid"), "operator");
        assertThat(jdbc.queryForObject("select status from tenant where id = 'gamma-posad'", String.class)).isEqualTo("SUSPENDED");
        assertThat(json.readTree(redis.opsForValue().get("mcu:tenant:gamma-posad")).path("status").asString()).isEqualTo("SUSPENDED");

        mvc.perform(post("/api/platform/municipalities/gamma-posad/resume").with(OPERATOR))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(keycloak().user("head@gamma-posad.invalid").orElseThrow().path("email").asString())
                .as("suspending kept the user's other fields").isEqualTo("head@gamma-posad.invalid");
        assertThat(keycloak().user("head@gamma-posad.invalid").orElseThrow().path("enabled").asBoolean()).isTrue();
        assertThat(json.readTree(redis.opsForValue().get("mcu:tenant:gamma-posad")).path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aBrokenTemplateIsRefusedWithAllItsProblemsAndNothingIsCreated() throws Exception {
        String broken = minimal().replace("timeZone: Asia/Novokuznetsk", "timeZone: Mars/Olympus")
                .replace("permissions: [message.view, message.answer]", "permissions: [message.view, message.fly]");
        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("templateYaml", broken, "slug", "delta-posad", "adminEmail", "a@b.invalid"))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems.length()").value(2))
                .andExpect(jsonPath("$.problems[*].rule").value(org.hamcrest.Matchers.containsInAnyOrder("time-zone", "schema:enum")))
                .andExpect(jsonPath("$.problems[0].file").value("uploaded.yaml"))
                .andExpect(jsonPath("$.problems[0].line").isNumber());
        assertThat(jdbc.queryForObject("select count(*) from tenant where id = 'delta-posad'", Long.class)).isZero();
        assertThat(organizationsWithAlias("delta-posad")).isZero();

        // The dry run says the same and creates nothing either.
        mvc.perform(post("/api/platform/onboarding/check").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("templateYaml", broken, "fileName", "ishim-v2.yaml"))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.problems[0].file").value("ishim-v2.yaml"))
                .andExpect(jsonPath("$.problems[?(@.rule == 'schema:enum')].message")
                        .value(org.hamcrest.Matchers.contains(org.hamcrest.Matchers.containsString("«message.fly»"))));
    }

    @Test
    void theCheckListsEveryRuleTheTemplateTakesFromElsewhereForTheOperator() throws Exception {
        // Irkutsk district's act sets no handling procedure: its regulations and deadlines are borrowed, and say so.
        mvc.perform(post("/api/platform/onboarding/check").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"template\":\"irkutsk-district\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.summary.borrowed").value(org.hamcrest.Matchers.greaterThan(10)))
                .andExpect(jsonPath("$.borrowed[?(@.path == '/deadlinePolicies/0/source')].basis").value(org.hamcrest.Matchers.contains("platform-default")))
                .andExpect(jsonPath("$.borrowed[*].basis").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not("act"))))
                .andExpect(jsonPath("$.borrowed[*].point").value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("по умолчанию платформы"))));
    }

    @Test
    void aFiftyMegabyteUploadIsRefusedAsTooLarge() throws Exception {
        byte[] huge = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.title").value("Слишком большой запрос"));
        assertThat(jdbc.queryForObject("select count(*) from tenant where status = 'ONBOARDING'", Long.class)).isZero();
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(request("Not A Slug", "a@b.invalid")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("slug"));
        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(request("epsilon-posad", "not-an-email")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("adminEmail"));
        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("template", "atlantis", "slug", "epsilon-posad", "adminEmail", "a@b.invalid"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("template"));
    }

    @Test
    void aSlugTakenByAnotherMunicipalityIsAConflict() throws Exception {
        onboarding.onboard(new OnboardingRequest(null, minimal(), "zeta-posad", null, null, null, "head@zeta-posad.invalid"), "operator");
        mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                        .content(request("zeta-posad", "someone-else@zeta.invalid")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("zeta-posad")));
    }

    @Test
    void aNewerTemplateIsPreviewedThenAppliedKeepingDataAndARoleInUseCannotBeRemoved() throws Exception {
        onboarding.onboard(new OnboardingRequest(null, minimal(), "theta-posad", "Тета", null, 777L, "head@theta-posad.invalid"), "operator");
        // Version 2 renames a block (same code) and adds a role.
        String v2 = minimal().replace("version: 1", "version: 2").replace("name: ЖКХ", "name: Жилищно-коммунальное хозяйство")
                .replace("roles:\n", "roles:\n  - {code: analyst, name: Аналитик МЦУ, permissions: [analytics.view], "
                        + "source: {seed: 002_f2e1486361b13ce6.txt, point: \"Положение, п. 12\"}}\n");
        String body = json.writeValueAsString(Map.of("templateYaml", v2));
        mvc.perform(post("/api/platform/municipalities/theta-posad/template/preview").with(OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changes.blocks.changed.housing[0]").value("name"))
                .andExpect(jsonPath("$.changes.roles.added[0]").value("analyst"))
                .andExpect(jsonPath("$.blockers").isEmpty());
        assertThat(configurations("theta-posad")).as("a preview changes nothing").isEqualTo(1);

        mvc.perform(post("/api/platform/municipalities/theta-posad/template/apply").with(OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andExpect(jsonPath("$.currentVersion").value(2));
        assertThat(configurations("theta-posad")).as("the old version is kept").isEqualTo(2);
        Map<String, Object> latest = CurrentTenant.call("theta-posad", () -> tx.execute(s -> jdbc.queryForMap(
                "select config->'profile'->>'officialName' as name, (config->'profile'->>'population')::int as population, "
                        + "config->'blocks'->0->>'name' as block, config->'blocks'->0->>'code' as code from tenant_configuration where version = 2")));
        assertThat(latest).containsEntry("name", "Тета").containsEntry("population", 777)
                .containsEntry("block", "Жилищно-коммунальное хозяйство").containsEntry("code", "housing");
        assertThat(json.readTree(redis.opsForValue().get("mcu:tenant:theta-posad")).path("version").asInt()).isEqualTo(2);

        // Version 3 drops the executor role while someone holds it: refused, nothing changes.
        KeycloakAdmin admin = keycloak();
        String holder = admin.ensureUser("theta-executor", "x-Secret-1", "Исполнитель", "Тета", "theta-executor@posad.invalid",
                Map.of("mcu_roles", List.of("theta-posad:executor")));
        admin.addMember(admin.organizationId("theta-posad").orElseThrow(), holder);
        String v3 = v2.replace("version: 2", "version: 3")
                .replace("  - code: executor\n    name: Исполнитель\n    permissions: [message.view, message.answer]\n"
                        + "    source: {seed: 002_f2e1486361b13ce6.txt, point: \"Регламент, п. 2.1\"}\n", "")
                .replace("to: closed, roles: [executor]", "to: closed, roles: [head]");
        mvc.perform(post("/api/platform/municipalities/theta-posad/template/apply").with(OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("templateYaml", v3))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("theta-executor")));
        assertThat(configurations("theta-posad")).isEqualTo(2);

        // An older version is not "newer".
        mvc.perform(post("/api/platform/municipalities/theta-posad/template/preview").with(OPERATOR)
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("templateYaml",
                                minimal().replace("name: ЖКХ", "name: Другое")))))
                .andExpect(jsonPath("$.blockers[0]").value(org.hamcrest.Matchers.containsString("версия шаблона")));
    }

    /** Roles belong to each membership and Keycloak asks at login which municipality: one person may administer two. */
    @Test
    void anotherMunicipalitysAdministratorMayAlsoBeThisOnesFirst() throws Exception {
        onboarding.onboard(new OnboardingRequest(null, minimal(), "iota-posad", null, null, null, "head@iota-posad.invalid"), "operator");
        OnboardingReport second = onboarding.onboard(new OnboardingRequest(null, minimal(), "kappa-posad", null, null, null,
                "head@iota-posad.invalid"), "operator");
        assertThat(second.status()).isEqualTo("ACTIVE");
        // organizationMembers lists the members' usernames.
        assertThat(keycloak().organizationMembers(keycloak().organizationId("iota-posad").orElseThrow())).contains("head@iota-posad.invalid");
        assertThat(keycloak().organizationMembers(keycloak().organizationId("kappa-posad").orElseThrow())).contains("head@iota-posad.invalid");
    }

    @Test
    void onlyTheRegionalOperatorOnboards() throws Exception {
        mvc.perform(post("/api/platform/municipalities").with(jwt().jwt(t -> t.claim("organization", List.of("alpha-town"))))
                        .contentType(MediaType.APPLICATION_JSON).content(request("eta-posad", "a@b.invalid")))
                .andExpect(status().isForbidden());
    }
}
