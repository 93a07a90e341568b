package ru.mcu.core.analytics.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * The template's reporting duties with a frequency (daily, weekly, monthly, quarterly): once a
 * period has ended in the municipality's time zone, its report is made and e-mailed, once. Each
 * round looks at the last ended period only, so a round missed while the service was down is
 * caught up by the next, and the unique index on scheduled reports keeps instances from doubling it.
 */
@Component
class ReportSchedule {
    private static final Logger log = LoggerFactory.getLogger(ReportSchedule.class);

    record Period(LocalDate from, LocalDate to) {
    }

    private final Reports reports;
    private final TenantStatuses tenants;
    private final java.time.Clock clock;

    ReportSchedule(Reports reports, TenantStatuses tenants, java.time.Clock clock) {
        this.reports = reports;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mcu.reports.schedule-every:PT1H}", initialDelayString = "${mcu.reports.schedule-initial-delay:PT3M}")
    void roundAll() {
        Instant now = clock.instant();
        for (String tenant : tenants.known()) {
            try {
                CurrentTenant.call(tenant, () -> round(tenants.configuration(tenant).orElseThrow(), now));
            } catch (Exception e) {
                log.warn("Reporting duties of {} not made: {}", tenant, e.getMessage());
            }
        }
    }

    /** Begins the bound municipality's due reports; returns those begun. */
    List<Reports.Report> round(TenantConfiguration config, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        List<Reports.Report> begun = new ArrayList<>();
        for (TenantConfiguration.ReportDuty duty : config.reports()) {
            if (duty.scheduled()) {
                Period period = lastEnded(duty.frequency(), today);
                reports.startScheduled(config, duty, period.from(), period.to()).ifPresent(begun::add);
            }
        }
        return begun;
    }

    /** The last whole period before today: yesterday, last week (Monday to Sunday), last month, last quarter. */
    static Period lastEnded(String frequency, LocalDate today) {
        return switch (frequency) {
            case "daily" -> new Period(today.minusDays(1), today.minusDays(1));
            case "weekly" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new Period(monday, monday.plusDays(6));
            }
            case "monthly" -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new Period(first, first.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "quarterly" -> {
                LocalDate first = today.with(IsoFields.DAY_OF_QUARTER, 1).minusMonths(3);
                yield new Period(first, first.plusMonths(3).minusDays(1));
            }
            default -> throw new IllegalArgumentException("not a scheduled frequency: " + frequency);
        };
    }
}
