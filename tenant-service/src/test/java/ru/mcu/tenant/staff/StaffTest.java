package ru.mcu.tenant.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.testsupport.RealServers;

/**
 * A municipality's administrator manages its staff through the API, against the real Keycloak:
 * the first administrator can from the first login, people are added and given the template's roles,
 * roles belong to the membership (a person in two municipalities has each one's roles only there),
 * deactivation takes the roles and, with no other membership, the account; core-service's copy of
 * the staff list follows every change.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class StaffTest {
    static final String A = "staff-posad";
    static final String B = "staff-gorod";

    @Autowired
    MockMvc mvc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ObjectMapper json;

    static final RequestPostProcessor OPERATOR = ru.mcu.tenant.Tokens.operator();

    static RequestPostProcessor staff(String slug, String username, String... roles) {
        return ru.mcu.tenant.Tokens.staff(slug, username, roles);
    }

    static KeycloakAdmin keycloak() {
        return new KeycloakAdmin(RealServers.servers().keycloak(), PlatformRealm.REALM);
    }

    @BeforeAll
    static void twoMunicipalitiesWhoseHeadAdministers(@Autowired MockMvc mvc, @Autowired ObjectMapper json) throws Exception {
        String template = administeredTemplate();
        for (String slug : List.of(A, B)) {
            if (keycloak().organizationId(slug).isPresent()) {
                continue;
            }
            mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("templateYaml", template, "slug", slug, "officialName", "Посёлок " + slug,
                                    "population", 1000, "adminEmail", "admin@" + slug + ".invalid"))))
                    .andExpect(status().isCreated());
        }
    }

    /** The minimal template whose head administers the municipality, as a template of its own (one content per code and version). */
    static String administeredTemplate() throws java.io.IOException {
        return new String(StaffTest.class.getResourceAsStream("/templates/minimal.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("permissions: [message.view, message.take, message.assign, message.approve, message.publish, report.prepare]",
                        "permissions: [message.view, message.take, message.assign, message.approve, message.publish, report.prepare, tenant.admin]")
                .replace("slug: test-town", "slug: staff-town");
    }

    JsonNode user(String username) {
        return keycloak().user(username).orElseThrow();
    }

    @Test
    void theFirstAdministratorHoldsTheTemplatesAdministratorRolesFromTheFirstLogin() throws Exception {
        assertThat(user("admin@" + A + ".invalid").path("attributes").path("mcu_roles").toString()).contains(A + ":head");
        mvc.perform(get("/api/staff").with(staff(A, "admin@" + A + ".invalid", "head"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == 'admin@" + A + ".invalid')].roles[0]").value("head"));
    }

    @Test
    void anAdministratorAddsAPersonGivesAndTakesRolesAndDeactivates() throws Exception {
        var admin = staff(A, "admin@" + A + ".invalid", "head");
        mvc.perform(get("/api/staff").with(staff(A, "someone", "executor"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:role-not-allowed"));
        String body = mvc.perform(post("/api/staff").with(admin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"Ivanova@Staff-Posad.invalid\",\"firstName\":\"Анна\",\"lastName\":\"Иванова\",\"roles\":[\"executor\"]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(true))
                .andExpect(jsonPath("$.temporaryPassword").isNotEmpty())
                .andExpect(jsonPath("$.member.roles[0]").value("executor"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.member.id");
        JsonNode created = user("ivanova@staff-posad.invalid");
        assertThat(created.path("attributes").path("mcu_roles").toString()).isEqualTo("[\"" + A + ":executor\"]");
        assertThat(created.path("requiredActions").toString()).contains("UPDATE_PASSWORD");
        assertThat(keycloak().organizationId(A)).isPresent();
        assertThat(staffList(A, "ivanova@staff-posad.invalid").path("active").asBoolean()).isTrue();

        mvc.perform(put("/api/staff/" + id + "/roles").with(admin).contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"mayor\"]}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("roles[0]"));
        mvc.perform(put("/api/staff/" + id + "/roles").with(admin).contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"head\",\"executor\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.roles.length()").value(2));
        assertThat(staffList(A, "ivanova@staff-posad.invalid").path("roles").toString()).isEqualTo("[\"head\",\"executor\"]");

        mvc.perform(post("/api/staff/" + id + "/deactivate").with(admin)).andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false)).andExpect(jsonPath("$.roles.length()").value(0));
        assertThat(user("ivanova@staff-posad.invalid").path("enabled").asBoolean()).as("no other membership: the account is off").isFalse();
        assertThat(staffList(A, "ivanova@staff-posad.invalid").path("active").asBoolean()).isFalse();
        mvc.perform(post("/api/staff/" + id + "/activate").with(admin)).andExpect(status().isOk()).andExpect(jsonPath("$.active").value(true));
        assertThat(user("ivanova@staff-posad.invalid").path("enabled").asBoolean()).isTrue();

        // The administrator cannot lock themselves out.
        String adminId = user("admin@" + A + ".invalid").path("id").asString();
        mvc.perform(post("/api/staff/" + adminId + "/deactivate").with(admin)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:self-deactivation"));
    }

    @Test
    void aPersonInTwoMunicipalitiesHasEachOnesRolesOnlyThere() throws Exception {
        String email = "petrov@two.invalid";
        mvc.perform(post("/api/staff").with(staff(A, "admin@" + A + ".invalid", "head")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\",\"firstName\":\"Пётр\",\"lastName\":\"Петров\",\"roles\":[\"executor\"]}"))
                .andExpect(status().isCreated());
        // The second municipality finds the same account: it joins, and nobody gets a new password.
        String id = JsonPath.read(mvc.perform(post("/api/staff").with(staff(B, "admin@" + B + ".invalid", "head")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"firstName\":\"Пётр\",\"lastName\":\"Петров\",\"roles\":[\"head\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(false))
                .andExpect(jsonPath("$.temporaryPassword").doesNotExist()).andReturn().getResponse().getContentAsString(), "$.member.id");
        assertThat(user(email).path("attributes").path("mcu_roles").toString()).contains(A + ":executor").contains(B + ":head");
        mvc.perform(get("/api/staff").with(staff(A, "admin@" + A + ".invalid", "head")))
                .andExpect(jsonPath("$[?(@.username == '" + email + "')].roles[*]").value(org.hamcrest.Matchers.contains("executor")));
        mvc.perform(get("/api/staff").with(staff(B, "admin@" + B + ".invalid", "head")))
                .andExpect(jsonPath("$[?(@.username == '" + email + "')].roles[*]").value(org.hamcrest.Matchers.contains("head")));
        // Another municipality's administrator cannot touch the membership here.
        String idInA = user(email).path("id").asString();
        assertThat(idInA).isEqualTo(id);
        // Deactivated in B, the account stays enabled: the person still works in A.
        mvc.perform(post("/api/staff/" + id + "/deactivate").with(staff(B, "admin@" + B + ".invalid", "head"))).andExpect(status().isOk());
        assertThat(user(email).path("enabled").asBoolean()).isTrue();
        assertThat(user(email).path("attributes").path("mcu_roles").toString()).contains(A + ":executor").doesNotContain(B + ":head");
    }

    @Test
    void someoneOnAnotherMunicipalitysStaffMayBecomeTheFirstAdministratorHere(@Autowired ObjectMapper json) throws Exception {
        // B's administrator also administers a third municipality: one account, two memberships, each with its roles.
        String template = administeredTemplate();
        String third = "staff-selo";
        if (keycloak().organizationId(third).isEmpty()) {
            mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("templateYaml", template, "slug", third, "officialName", "Село",
                                    "population", 500, "adminEmail", "admin@" + B + ".invalid"))))
                    .andExpect(status().isCreated());
        }
        assertThat(user("admin@" + B + ".invalid").path("attributes").path("mcu_roles").toString()).contains(B + ":head").contains(third + ":head");
        mvc.perform(get("/api/staff").with(staff(third, "admin@" + B + ".invalid", "head"))).andExpect(status().isOk());
    }

    /** Someone given a membership in Keycloak's console (as the local run's demo users are) becomes staff core-service accepts. */
    @Test
    void someoneMadeStaffOutsideThisServiceJoinsThePublishedListAtTheNextReconciliation(@Autowired StaffReconciliation reconciliation)
            throws Exception {
        String username = "konsol-" + A;
        var admin = staff(A, "admin@" + A + ".invalid", "head");
        // The staff screen was open before: its list is the one last read from Keycloak.
        mvc.perform(get("/api/staff").with(admin)).andExpect(jsonPath("$[*].username", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(username))));
        String id = keycloak().ensureUser(username, "x-Secret-3", "Консоль", "Добавленный", username + "@staff.invalid");
        keycloak().setAttribute(id, PlatformRealm.MUNICIPAL_ROLES, List.of(PlatformRealm.membershipRole(A, "executor")));
        keycloak().addMember(keycloak().organizationId(A).orElseThrow(), id);

        reconciliation.reconcile();

        assertThat(staffList(A, username).path("roles").toString()).contains("executor");
        assertThat(redis.opsForHash().get("mcu:staff:" + B, username)).as("only in the municipality it belongs to").isNull();
        mvc.perform(get("/api/staff").with(admin)).andExpect(jsonPath("$[?(@.username == '" + username + "')].roles[0]").value("executor"));
    }

    /** The page offers the template's roles by name, and each person only what their roles permit. */
    @Test
    void theRolesToGiveAreTheTemplatesNamedWithWhatTheyPermit() throws Exception {
        var admin = staff(A, "admin@" + A + ".invalid", "head");
        mvc.perform(get("/api/staff/roles").with(admin)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == 'head')].permissions[*]", org.hamcrest.Matchers.hasItem("tenant.admin")))
                .andExpect(jsonPath("$[?(@.code == 'executor')].name", org.hamcrest.Matchers.hasSize(1)));
        mvc.perform(get("/api/me").with(admin)).andExpect(jsonPath("$.permissions", org.hamcrest.Matchers.hasItem("tenant.admin")));
        mvc.perform(get("/api/me").with(staff(A, "ispolnitel", "executor")))
                .andExpect(jsonPath("$.permissions", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("tenant.admin"))));
        mvc.perform(get("/api/staff/roles").with(staff(A, "ispolnitel", "executor"))).andExpect(status().isForbidden());
    }

    /**
     * Isolation of what the screens read about roles: a municipality whose template names and
     * permits its roles otherwise gets its own answer from /api/staff/roles and /api/me, and the
     * other municipality never sees it, whichever way it asks.
     */
    @Test
    void rolesAndPermissionsComeFromTheCallersMunicipalityOnly() throws Exception {
        String c = "staff-derevnya";
        if (keycloak().organizationId(c).isEmpty()) {
            String own = administeredTemplate().replace("slug: staff-town", "slug: staff-town-c")
                    .replace("name: Исполнитель\n", "name: Исполнитель села\n")
                    .replace("permissions: [message.view, message.answer]", "permissions: [message.view, message.answer, message.register]");
            mvc.perform(post("/api/platform/municipalities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("templateYaml", own, "slug", c, "officialName", "Село " + c,
                                    "population", 500, "adminEmail", "admin@" + c + ".invalid"))))
                    .andExpect(status().isCreated());
        }
        var adminOfC = staff(c, "admin@" + c + ".invalid", "head");
        var adminOfA = staff(A, "admin@" + A + ".invalid", "head");
        mvc.perform(get("/api/staff/roles").with(adminOfC)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == 'executor')].name", org.hamcrest.Matchers.contains("Исполнитель села")))
                .andExpect(jsonPath("$[?(@.code == 'executor')].permissions[*]", org.hamcrest.Matchers.hasItem("message.register")));
        mvc.perform(get("/api/staff/roles").with(adminOfA)).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Исполнитель села"))))
                .andExpect(jsonPath("$[?(@.code == 'executor')].permissions[*]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("message.register"))));
        mvc.perform(get("/api/me").with(staff(c, "ispolnitel", "executor"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.municipality.id").value(c))
                .andExpect(jsonPath("$.municipalRoles[*].name", org.hamcrest.Matchers.contains("Исполнитель села")))
                .andExpect(jsonPath("$.permissions", org.hamcrest.Matchers.hasItem("message.register")));
        mvc.perform(get("/api/me").with(staff(A, "ispolnitel", "executor"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.municipality.id").value(A))
                .andExpect(jsonPath("$.municipalRoles[*].name", org.hamcrest.Matchers.contains("Исполнитель")))
                .andExpect(jsonPath("$.permissions", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("message.register"))));
        // A's administrator does not find C's people either.
        mvc.perform(get("/api/staff").with(adminOfA))
                .andExpect(jsonPath("$[*].username", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("admin@" + c + ".invalid"))));
    }

    @Test
    void onlyMembersOfTheMunicipalityCanBeChangedFromIt() throws Exception {
        String outsider = keycloak().ensureUser("staff-outsider", "x-Secret-2", "Внешний", "Человек", "outsider@staff.invalid");
        mvc.perform(put("/api/staff/" + outsider + "/roles").with(staff(A, "admin@" + A + ".invalid", "head"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"executor\"]}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value("urn:mcu:problem:staff-member-not-found"));
        assertThat(user("staff-outsider").path("attributes").path("mcu_roles").isMissingNode()).isTrue();
    }

    JsonNode staffList(String slug, String username) {
        Object entry = redis.opsForHash().get("mcu:staff:" + slug, username);
        assertThat(entry).as("the published staff list has " + username).isNotNull();
        return json.readTree(String.valueOf(entry));
    }
}
