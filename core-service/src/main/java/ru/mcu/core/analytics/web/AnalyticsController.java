package ru.mcu.core.analytics.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.analytics.Dashboard;
import ru.mcu.core.analytics.Ratings;
import ru.mcu.core.analytics.Recurrences;
import ru.mcu.core.analytics.report.DashboardWorkbook;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/** The municipality's dashboard and ratings over a period, for roles with analytics.view. */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {
    /** About three years: the longest period a dashboard compares (and twice that is read). */
    static final int LONGEST_PERIOD_DAYS = 1_100;
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Dashboard dashboard;
    private final Ratings ratings;
    private final Recurrences recurrences;
    private final TenantStatuses tenants;
    private final ru.mcu.core.tenant.StaffMembers staff;
    private final java.time.Clock clock;

    AnalyticsController(Dashboard dashboard, Ratings ratings, Recurrences recurrences, TenantStatuses tenants, ru.mcu.core.tenant.StaffMembers staff,
                        java.time.Clock clock) {
        this.dashboard = dashboard;
        this.ratings = ratings;
        this.recurrences = recurrences;
        this.staff = staff;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * The measures from {@code from} to {@code to} (dates in the municipality's zone, both included),
     * the same for the as long period just before, by channel, block, recipient and territory, the
     * trend by day, week or month, and the open messages now.
     */
    @GetMapping("/summary")
    Dashboard.Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false, defaultValue = "day") String trend, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = readable(token);
        LocalDate start = date("from", from);
        LocalDate end = period(start, date("to", to));
        Dashboard.Trend by;
        try {
            by = Dashboard.Trend.valueOf(trend.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("trend", "Шаг динамики — day, week или month, а не «" + abbreviated(trend) + "»");
        }
        return dashboard.summary(config, start, end, by, clock.instant());
    }

    /** Who carries the work: per block and per executor, open messages now (overdue among them) and those answered in the period. */
    @GetMapping("/workload")
    Dashboard.Workload workload(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = readable(token);
        LocalDate start = date("from", from);
        java.util.Map<String, String> names = new java.util.HashMap<>();
        staff.members(config.slug()).values().forEach(m -> names.put(m.username(), m.shownName()));
        return dashboard.workload(config, start, period(start, date("to", to)), clock.instant(), names);
    }

    /** Where problems concentrate: the messages received in the period by category and territory. */
    @GetMapping("/heatmap")
    Dashboard.HeatMap heatMap(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = readable(token);
        LocalDate start = date("from", from);
        return dashboard.heatMap(config, start, period(start, date("to", to)));
    }

    /** The map: where the period's messages were (places rounded to about 100 m, by category). */
    @GetMapping("/places")
    Dashboard.MapPlaces places(@RequestParam(required = false) String from, @RequestParam(required = false) String to, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = readable(token);
        LocalDate start = date("from", from);
        return dashboard.places(config, start, period(start, date("to", to)));
    }

    /**
     * Problems that keep coming back: categories in territories with at least {@code minimum} messages
     * in the period that recur month after month, grow against the period before, or came back after «решено».
     */
    @GetMapping("/recurring")
    Recurrences.Recurring recurring(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false, defaultValue = "3") String minimum, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = readable(token);
        LocalDate start = date("from", from);
        LocalDate end = period(start, date("to", to));
        int least;
        try {
            least = Integer.parseInt(minimum.strip());
        } catch (NumberFormatException e) {
            throw Refusal.invalid("minimum", "Наименьшее число сообщений — целое от 2 до 1000, а не «" + abbreviated(minimum) + "»");
        }
        if (least < 2 || least > 1_000) {
            throw Refusal.invalid("minimum", "Наименьшее число сообщений — от 2 до 1000, а не " + least);
        }
        return recurrences.of(config, start, end, least);
    }

    /** The template's ratings over the period: each subject's place, score and the figures behind it. */
    @GetMapping("/ratings")
    List<Ratings.Rating> ratings(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = readable(token);
        LocalDate start = date("from", from);
        return ratings.of(config, start, period(start, date("to", to)));
    }

    /** The dashboard's tables and the ratings as an Excel workbook, for roles with analytics.export. */
    @GetMapping(value = "/export", produces = XLSX)
    org.springframework.http.ResponseEntity<byte[]> export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                                           @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, Set.of("analytics.export"), "Выгружать аналитику могут роли с правом analytics.export");
        LocalDate start = date("from", from);
        LocalDate end = period(start, date("to", to));
        byte[] book = DashboardWorkbook.of(config.name(), dashboard.summary(config, start, end, Dashboard.Trend.DAY, clock.instant()),
                ratings.of(config, start, end));
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
                        .filename("аналитика-" + config.slug() + "-" + start + "-" + end + ".xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(org.springframework.http.MediaType.parseMediaType(XLSX)).body(book);
    }

    private TenantConfiguration readable(Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, Set.of("analytics.view"), "Аналитику муниципалитета видят роли с правом analytics.view");
        return config;
    }

    /** The period's end, once it is known to follow the start and to be no longer than the longest period. */
    static LocalDate period(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw Refusal.invalid("to", "Конец периода (" + end + ") раньше его начала (" + start + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > LONGEST_PERIOD_DAYS) {
            throw Refusal.invalid("to", "Период длиннее " + LONGEST_PERIOD_DAYS + " дней: выберите более короткий");
        }
        return end;
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(field, "Укажите дату в виде ГГГГ-ММ-ДД");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, "Дата «" + abbreviated(value) + "» не в виде ГГГГ-ММ-ДД");
        }
    }

    private static String abbreviated(String value) {
        return ru.mcu.core.shared.Texts.shortened(value, 41);
    }
}
