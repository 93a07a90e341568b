package ru.mcu.core.calendar;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.message.Recomputation;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Days an operator adds on top of the template's calendar: a regional holiday (for every
 * municipality of the region) or a municipal one. Each change recomputes the open deadlines it moves.
 */
@Service
public class CalendarOverrides {
    public record Override(LocalDate day, String kind, String reason, String level, String addedBy) {
    }

    public record Applied(Override override, String municipality, int recomputed) {
    }

    private static final Set<String> KINDS = Set.of("non-working", "working", "shortened");

    private final JdbcTemplate jdbc;
    private final Recomputation recomputation;
    private final TenantStatuses tenants;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    CalendarOverrides(JdbcTemplate jdbc, Recomputation recomputation, TenantStatuses tenants, Clock clock,
                      org.springframework.transaction.support.TransactionTemplate tx) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.recomputation = recomputation;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Override> list() {
        return jdbc.query("select * from calendar_override order by day", (rs, n) -> new Override(rs.getObject("day", LocalDate.class),
                rs.getString("kind"), rs.getString("reason"), rs.getString("level"), rs.getString("added_by")));
    }

    /** For the bound municipality: writes the day and recomputes, in one transaction. */
    @Transactional
    public Applied put(Override override, String by) {
        check(override);
        TenantConfiguration config = tenants.current();
        jdbc.update("insert into calendar_override (tenant_id, day, kind, reason, level, added_by, added_at) "
                        + "values (current_tenant(), ?, ?, ?, ?, ?, ?) on conflict (tenant_id, day) do update set kind = excluded.kind, "
                        + "reason = excluded.reason, level = excluded.level, added_by = excluded.added_by, added_at = excluded.added_at",
                override.day(), override.kind(), override.reason(), override.level(), by, Timestamp.from(clock.instant()));
        int moved = recomputation.afterCalendarChange(config, describe(override), by);
        return new Applied(override, config.slug(), moved);
    }

    @Transactional
    public Applied remove(LocalDate day, String by) {
        TenantConfiguration config = tenants.current();
        List<Override> existing = list().stream().filter(o -> o.day().equals(day)).toList();
        if (existing.isEmpty()) {
            throw new Refusal(404, "override-not-found", "Дня нет", "Для " + day + " особый день не задан");
        }
        jdbc.update("delete from calendar_override where day = ?", day);
        int moved = recomputation.afterCalendarChange(config, "отменён особый день " + day, by);
        return new Applied(existing.getFirst(), config.slug(), moved);
    }

    /** A regional day, for every municipality of the region here, each in its own transaction with its tenant bound. */
    public List<Applied> putRegional(String region, Override override, String by) {
        check(override);
        List<Applied> applied = new java.util.ArrayList<>();
        for (String slug : tenants.known()) {
            var config = tenants.configuration(slug);
            if (config.isEmpty() || !region.equals(config.get().regionCode())) {
                continue;
            }
            try {
                applied.add(CurrentTenant.call(slug, () -> tx.execute(status -> put(override, by))));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (applied.isEmpty()) {
            throw new Refusal(404, "region-not-found", "В регионе нет муниципалитетов", "Ни один муниципалитет платформы не относится к региону «"
                    + region + "»").with("field", "region");
        }
        return applied;
    }

    private static void check(Override override) {
        if (override.day() == null) {
            throw Refusal.invalid("day", "Не указана дата");
        }
        if (override.day().getYear() < 2000 || override.day().getYear() > 2100) {
            throw Refusal.invalid("day", "Дата " + override.day() + " вне допустимого диапазона (2000–2100 годы)");
        }
        if (override.kind() == null || !KINDS.contains(override.kind())) {
            throw Refusal.invalid("kind", "Вид дня — non-working (нерабочий), working (рабочий) или shortened (сокращённый)");
        }
        if (override.reason() == null || override.reason().isBlank() || override.reason().length() > 500) {
            throw Refusal.invalid("reason", "Укажите основание (до 500 символов), например номер закона или указа");
        }
        if (!Set.of("regional", "municipal").contains(override.level())) {
            throw Refusal.invalid("level", "Уровень — regional или municipal");
        }
    }

    private static String describe(Override o) {
        return switch (o.kind()) {
            case "non-working" -> "объявлен нерабочим день ";
            case "working" -> "объявлен рабочим день ";
            default -> "сокращён день ";
        } + o.day() + " (" + o.reason() + ")";
    }
}
