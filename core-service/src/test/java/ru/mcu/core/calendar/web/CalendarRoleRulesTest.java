package ru.mcu.core.calendar.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.core.Municipalities;
import ru.mcu.core.calendar.CalendarOverrides;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/**
 * Who may set calendar days, alone and fast: a slice with mocked tokens and the calendar mocked,
 * beside CalendarRecomputeTest on the real servers. The municipality's days are its administrator's,
 * a region's the regional operator's; a connector's token opens neither.
 */
@WebMvcTest(controllers = CalendarController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "ru\\.mcu\\.core\\.(security\\..*|message\\.web\\.MessageProblems|tenant\\.ActiveTenantOnly.*)"),
        // The staff directory's e-mail learning is another feature's interceptor, beside the point here.
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "ru\\.mcu\\.core\\.notification\\..*"))
class CalendarRoleRulesTest {
    static final String TOWN = "slice-town";
    static final String DAY = "{\"kind\":\"non-working\",\"reason\":\"Указ главы № 5\"}";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CalendarOverrides overrides;
    @MockitoBean
    TenantStatuses tenants;

    @BeforeEach
    void aMunicipalityWhoseHeadAdministers() {
        var config = TenantConfiguration.of(TOWN, 1, new ObjectMapper().readTree("{\"profile\":{\"timeZone\":\"Asia/Irkutsk\"},"
                + "\"roles\":[{\"code\":\"head\",\"permissions\":[\"tenant.admin\"]},{\"code\":\"clerk\",\"permissions\":[\"message.view\"]}]}"));
        when(tenants.status(TOWN)).thenReturn(Optional.of("ACTIVE"));
        when(tenants.configuration(TOWN)).thenReturn(Optional.of(config));
        when(tenants.current()).thenReturn(config);
    }

    @Test
    void aMunicipalDayIsTheAdministratorsOnly() throws Exception {
        mvc.perform(put("/api/calendar/overrides/2026-12-31").with(Municipalities.staff(TOWN, "clerk", "clerk"))
                        .contentType(MediaType.APPLICATION_JSON).content(DAY))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:mcu:problem:role-not-allowed"));
        verify(overrides, never()).put(any(), anyString());
        mvc.perform(put("/api/calendar/overrides/2026-12-31").with(Municipalities.staff(TOWN, "glava", "head"))
                .contentType(MediaType.APPLICATION_JSON).content(DAY)).andExpect(status().isOk());
        verify(overrides).put(any(), anyString());
    }

    @Test
    void aRegionsDayIsTheRegionalOperatorsOnly() throws Exception {
        when(overrides.putRegional(anyString(), any(), anyString())).thenReturn(List.of());
        mvc.perform(put("/api/calendar/regions/38/overrides/2026-12-31").with(Municipalities.staff(TOWN, "glava", "head"))
                        .contentType(MediaType.APPLICATION_JSON).content(DAY))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:mcu:problem:forbidden"));
        mvc.perform(put("/api/calendar/regions/38/overrides/2026-12-31").with(operator())
                .contentType(MediaType.APPLICATION_JSON).content(DAY)).andExpect(status().isOk());
    }

    @Test
    void aConnectorsTokenOpensNoCalendar() throws Exception {
        mvc.perform(put("/api/calendar/overrides/2026-12-31").with(Municipalities.connector(TOWN, "im"))
                .contentType(MediaType.APPLICATION_JSON).content(DAY)).andExpect(status().isForbidden());
        verify(overrides, never()).put(any(), anyString());
    }

    static RequestPostProcessor operator() {
        return ru.mcu.core.Municipalities.regionalOperator();
    }
}
