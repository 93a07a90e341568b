package ru.mcu.core.calendar.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.calendar.CalendarOverrides;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.PlatformToken;

/**
 * Special days on top of the template's calendar: the municipality's administrator sets municipal
 * ones; the regional operator sets a region's, for all its municipalities at once.
 */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {
    record Day(String kind, String reason) {
    }

    private final CalendarOverrides overrides;
    private final TenantStatuses tenants;

    CalendarController(CalendarOverrides overrides, TenantStatuses tenants) {
        this.overrides = overrides;
        this.tenants = tenants;
    }

    @GetMapping("/overrides")
    List<CalendarOverrides.Override> list() {
        return overrides.list();
    }

    @PutMapping("/overrides/{day}")
    CalendarOverrides.Applied put(@PathVariable LocalDate day, @RequestBody Day body, @AuthenticationPrincipal Jwt token) {
        requireAdmin(token);
        return overrides.put(new CalendarOverrides.Override(day, body.kind(), body.reason(), "municipal", PlatformToken.username(token)), PlatformToken.username(token));
    }

    @DeleteMapping("/overrides/{day}")
    CalendarOverrides.Applied remove(@PathVariable LocalDate day, @AuthenticationPrincipal Jwt token) {
        requireAdmin(token);
        return overrides.remove(day, PlatformToken.username(token));
    }

    /** The regional operator (realm role regional-operator); the security chain admits no one else here. */
    @PutMapping("/regions/{region}/overrides/{day}")
    List<CalendarOverrides.Applied> putRegional(@PathVariable String region, @PathVariable LocalDate day, @RequestBody Day body,
                                                @AuthenticationPrincipal Jwt token) {
        return overrides.putRegional(region, new CalendarOverrides.Override(day, body.kind(), body.reason(), "regional", PlatformToken.username(token)), PlatformToken.username(token));
    }

    private void requireAdmin(Jwt token) {
        Staff.requireAny(token, tenants.current(), Set.of("tenant.admin"),
                "Особые дни календаря муниципалитета задаёт администратор (право tenant.admin)");
    }
}
