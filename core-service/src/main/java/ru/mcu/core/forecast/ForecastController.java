package ru.mcu.core.forecast;

import java.time.Clock;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/** The volume forecast, for roles with analytics.forecast (in Tashtagol's act, the SMM manager's duty). */
@RestController
class ForecastController {
    static final int LONGEST = 12;

    private final Forecasts forecasts;
    private final TenantStatuses tenants;
    private final Clock clock;

    ForecastController(Forecasts forecasts, TenantStatuses tenants, Clock clock) {
        this.forecasts = forecasts;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The expected messages per week for {@code weeks} weeks from the current one, in all, per channel and per category, with the backtest's error. */
    @GetMapping("/api/analytics/forecast")
    Forecasts.Forecast forecast(@RequestParam(required = false, defaultValue = "4") String weeks, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, Set.of("analytics.forecast"), "Прогноз обращений видят роли с правом analytics.forecast");
        int n;
        try {
            n = Integer.parseInt(weeks.strip());
        } catch (NumberFormatException e) {
            throw Refusal.invalid("weeks", "Число недель прогноза — целое от 1 до " + LONGEST + ", а не «" + ru.mcu.core.shared.Texts.shortened(weeks, 21) + "»");
        }
        if (n < 1 || n > LONGEST) {
            throw Refusal.invalid("weeks", "Прогноз строится на 1–" + LONGEST + " недель, а не на " + n);
        }
        return forecasts.of(config, n, clock.instant());
    }
}
