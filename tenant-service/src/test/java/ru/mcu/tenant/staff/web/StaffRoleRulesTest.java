package ru.mcu.tenant.staff.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import ru.mcu.tenant.staff.Memberships;
import ru.mcu.tenant.staff.Roles;

/**
 * The staff API's role rules alone, fast: a slice with mocked tokens and the directory mocked, beside
 * StaffTest's run against the real Keycloak. Who may manage staff, which roles may be given, and that
 * an administrator cannot lock themselves out, decided before anything is asked of Keycloak.
 */
@WebMvcTest(controllers = StaffController.class, includeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
        type = org.springframework.context.annotation.FilterType.REGEX, pattern = "ru\\.mcu\\.tenant\\.(security|web)\\..*"))
class StaffRoleRulesTest {
    static final String TOWN = "slice-town";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Memberships memberships;
    @MockitoBean
    Roles roles;

    static RequestPostProcessor member(String username, String... municipalRoles) {
        return ru.mcu.tenant.Tokens.staff(TOWN, username, municipalRoles);
    }

    @BeforeEach
    void theTemplatesRoles() {
        Map<String, Set<String>> templateRoles = new LinkedHashMap<>();
        templateRoles.put("head", Set.of("tenant.admin", "message.view"));
        templateRoles.put("clerk", Set.of("message.view"));
        when(roles.permissions()).thenReturn(templateRoles);
        when(roles.grant(anyList(), eq("tenant.admin"))).thenAnswer(call -> ((List<?>) call.getArgument(0)).contains("head"));
        when(memberships.find(eq(TOWN), eq("u-self"))).thenReturn(Optional.of(new Memberships.Member("u-self", "glava", "g@x.invalid",
                "Глава", "Города", List.of("head"), true)));
        when(memberships.find(eq(TOWN), eq("u-clerk"))).thenReturn(Optional.of(new Memberships.Member("u-clerk", "clerk", "c@x.invalid",
                "Клерк", "Города", List.of("clerk"), true)));
    }

    @Test
    void onlyARoleGrantingTenantAdminManagesStaff() throws Exception {
        mvc.perform(get("/api/staff").with(member("clerk", "clerk"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:role-not-allowed"));
        mvc.perform(get("/api/staff").with(member("glava", "head"))).andExpect(status().isOk());
        // A connector's token or a platform persona has no municipality's staff to manage.
        mvc.perform(get("/api/staff").with(ru.mcu.tenant.Tokens.operator()))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:mcu:problem:forbidden"));
    }

    @Test
    void onlyTheTemplatesRolesMayBeGiven() throws Exception {
        mvc.perform(put("/api/staff/u-clerk/roles").with(member("glava", "head")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"roles\":[\"clerk\",\"mayor\"]}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("roles[1]"));
        verify(memberships, never()).setRoles(any(), any(), anyList());
    }

    @Test
    void anAdministratorCannotLockThemselvesOut() throws Exception {
        mvc.perform(put("/api/staff/u-self/roles").with(member("glava", "head")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"roles\":[\"clerk\"]}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:mcu:problem:last-admin-right"));
        mvc.perform(post("/api/staff/u-self/deactivate").with(member("glava", "head"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:self-deactivation"));
        verify(memberships, never()).setActive(any(), any(), org.mockito.ArgumentMatchers.anyBoolean());
    }
}
