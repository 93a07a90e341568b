package ru.mcu.core.deadline;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.workingtime.DeadlineCalculator;
import ru.mcu.core.workingtime.ProductionCalendar;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Each municipality's working calendar (the federal production calendar, the template's own days
 * and the days an operator added) and its per-channel calculators, cached and re-read briefly.
 */
@Component
public class WorkingCalendars {
    private static final Map<String, ProductionCalendar> FEDERAL = new ConcurrentHashMap<>();

    /**
     * One municipality's working calendar for a configuration version, with the operator's days as
     * read at a moment, and its calculators per channel. Kept briefly, so that another instance's
     * change reaches this one within that time; dropped at once where the change was made.
     */
    private record Calendars(int version, long readAt, ProductionCalendar calendar, Map<String, DeadlineCalculator> byChannel) {
    }

    private static final long REREAD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private final JdbcTemplate jdbc;
    private final Map<String, Calendars> calendars = new ConcurrentHashMap<>();

    WorkingCalendars(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The calculator of one channel of the municipality; reused until its configuration or calendar changes. */
    public DeadlineCalculator calculator(TenantConfiguration config, String channel) {
        Calendars current = current(config);
        return current.byChannel().computeIfAbsent(channel, code -> new DeadlineCalculator(current.calendar(),
                config.channel(code).map(TenantConfiguration.Channel::timetable)
                        .orElseThrow(() -> new IllegalArgumentException("unknown channel " + code)), config.zone()));
    }

    /** The bound municipality's days as it works them (the forecast's kinds of day). */
    public ProductionCalendar calendar(TenantConfiguration config) {
        return current(config).calendar();
    }

    private Calendars current(TenantConfiguration config) {
        long now = System.nanoTime();
        return calendars.compute(config.slug(), (tenant, cached) ->
                cached != null && cached.version() == config.version() && now - cached.readAt() < REREAD_NANOS ? cached
                        : new Calendars(config.version(), now, FEDERAL.computeIfAbsent(config.federalCalendar(), ProductionCalendar::load)
                                .with(config.templateOverrides()).with(addedDays()), new ConcurrentHashMap<>()));
    }

    /** The days an operator added for the bound municipality. */
    private Map<LocalDate, ProductionCalendar.Day> addedDays() {
        Map<LocalDate, ProductionCalendar.Day> days = new HashMap<>();
        jdbc.query("select day, kind from calendar_override", rs -> {
            days.put(rs.getObject("day", LocalDate.class), ProductionCalendar.Day.of(rs.getString("kind")));
        });
        return days;
    }

    /** After an operator changed the bound municipality's days. */
    public void forgetOverrides() {
        calendars.remove(CurrentTenant.required());
    }
}
