package ru.mcu.core.roadmap;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.tenant.Names;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;

/**
 * Roadmaps that remove the root cause of a problem that keeps coming back (a category in a territory):
 * measures with an owner (a responsible recipient or a sector block), a due date and a state; adopted as
 * made, or approved by the roles the template names; and their effect: the cluster's messages in the 30
 * days before each measure was done against the days after it (docs/roadmaps.md).
 */
@Service
public class Roadmaps {
    static final int EFFECT_DAYS = 30;
    static final int MOST_MEASURES = 50;
    static final Set<String> STATUSES = Set.of("planned", "in-progress", "done", "cancelled");

    public record MeasureInput(String text, String ownerKind, String owner, String due) {
    }

    public record NewRoadmap(String title, String cause, String category, String territory, List<MeasureInput> measures) {
    }

    /**
     * The cluster's messages in the {@link #EFFECT_DAYS} days before {@code on} and in the days after it
     * (up to as many, to yesterday), and the change of the daily rate; null where there is nothing to compare.
     */
    public record Effect(LocalDate on, long before, long after, int afterDays, Double change) {
    }

    public record MeasureView(UUID id, int position, String text, String ownerKind, String owner, String ownerName, LocalDate due, String status,
                              LocalDate doneOn, boolean overdue, Effect effect) {
    }

    public record RoadmapView(UUID id, String title, String cause, String category, String categoryName, String territory, String territoryName,
                              String status, List<String> approvers, Instant createdAt, String createdBy, Instant adoptedAt, String adoptedBy,
                              int done, int overdue, List<MeasureView> measures, Effect effect) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Roadmaps(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new roadmap: adopted at once where the template names no approver, else a draft until one approves it. */
    @Transactional
    public RoadmapView create(TenantConfiguration config, Actor actor, NewRoadmap input) {
        String title = text("title", input.title(), 300);
        String cause = text("cause", input.cause(), 4_000);
        // The cluster: a category, a territory, both, or neither where the template has none (''), as the recurring problems name it.
        String category = optional("category", input.category(), Names.categories(config));
        String territory = optional("territory", input.territory(), Names.territories(config));
        List<MeasureInput> measures = input.measures() == null ? List.of() : input.measures();
        if (measures.isEmpty() || measures.size() > MOST_MEASURES) {
            throw Refusal.invalid("measures", "В дорожной карте от 1 до " + MOST_MEASURES + " мер");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        boolean adopted = config.roadmapApprovers().isEmpty();
        jdbc.update("insert into roadmap (tenant_id, id, title, cause, category, territory, status, created_at, created_by, adopted_at, adopted_by) "
                        + "values (current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, title, cause, category, territory,
                adopted ? "adopted" : "draft", Timestamp.from(now), actor.name(), adopted ? Timestamp.from(now) : null, adopted ? actor.name() : null);
        for (int i = 0; i < measures.size(); i++) {
            MeasureInput m = measures.get(i);
            String at = "measures[" + i + "]";
            String kind = m.ownerKind();
            Map<String, String> owners = owners(config, kind);
            if (owners == null) {
                throw Refusal.invalid(at + ".ownerKind", "Исполнитель меры — ответственный получатель (recipient), отраслевой блок (block) или роль (role)");
            }
            code(at + ".owner", m.owner(), owners);
            jdbc.update("insert into roadmap_measure (tenant_id, id, roadmap_id, position, text, owner_kind, owner, due, status) "
                            + "values (current_tenant(), ?, ?, ?, ?, ?, ?, ?, 'planned')", UUID.randomUUID(), id, i + 1,
                    text(at + ".text", m.text(), 2_000), kind, m.owner(), Date.valueOf(date(at + ".due", m.due())));
        }
        return get(config, id);
    }

    /** Approved by a role the template names; the roadmap is adopted from then on. */
    @Transactional
    public RoadmapView approve(TenantConfiguration config, Actor actor, UUID id) {
        RoadmapView roadmap = get(config, id);
        if (config.roadmapApprovers().isEmpty()) {
            throw new Refusal(409, "approval-not-required", "Утверждение не требуется",
                    "Шаблон муниципалитета не называет, кто утверждает дорожные карты: карта принята, когда составлена");
        }
        if (actor.roles().stream().noneMatch(config.roadmapApprovers()::contains)) {
            throw new Refusal(403, "role-not-allowed", "Роль не может это сделать", "Дорожные карты утверждают роли "
                    + String.join(", ", config.roadmapApprovers()));
        }
        if ("adopted".equals(roadmap.status())) {
            throw new Refusal(409, "already-adopted", "Карта уже принята", "Дорожная карта уже утверждена (" + roadmap.adoptedBy() + ")");
        }
        jdbc.update("update roadmap set status = 'adopted', adopted_at = ?, adopted_by = ? where id = ?", Timestamp.from(clock.instant()), actor.name(), id);
        return get(config, id);
    }

    /** A measure's state; done on a day (today where none is given), not in the future. Only an adopted roadmap's measures move. */
    @Transactional
    public RoadmapView progress(TenantConfiguration config, UUID id, UUID measure, String status, String doneOn) {
        RoadmapView roadmap = get(config, id);
        if (!"adopted".equals(roadmap.status())) {
            throw new Refusal(409, "roadmap-not-adopted", "Карта не утверждена", "Меры выполняются по утверждённой дорожной карте");
        }
        if (status == null || !STATUSES.contains(status)) {
            throw Refusal.invalid("status", "Состояние меры — planned, in-progress, done или cancelled");
        }
        LocalDate today = clock.instant().atZone(config.zone()).toLocalDate();
        LocalDate done = null;
        if ("done".equals(status)) {
            done = doneOn == null || doneOn.isBlank() ? today : date("doneOn", doneOn);
            if (done.isAfter(today)) {
                throw Refusal.invalid("doneOn", "Мера не может быть выполнена в будущем (" + done + ")");
            }
        }
        int changed = jdbc.update("update roadmap_measure set status = ?, done_on = ? where roadmap_id = ? and id = ?", status,
                done == null ? null : Date.valueOf(done), id, measure);
        if (changed == 0) {
            throw new Refusal(404, "measure-not-found", "Мера не найдена", "В этой дорожной карте нет такой меры");
        }
        return get(config, id);
    }

    @Transactional(readOnly = true)
    public List<RoadmapView> all(TenantConfiguration config) {
        // Two reads for all of them (the roadmaps, then their measures), not two per roadmap: the dashboard and every report list them.
        List<Map<String, Object>> rows = jdbc.queryForList("select * from roadmap order by created_at desc");
        Map<UUID, List<Map<String, Object>>> measures = new java.util.HashMap<>();
        jdbc.queryForList("select * from roadmap_measure order by roadmap_id, position")
                .forEach(m -> measures.computeIfAbsent((UUID) m.get("roadmap_id"), k -> new ArrayList<>()).add(m));
        return rows.stream().map(r -> view(config, r, measures.getOrDefault((UUID) r.get("id"), List.of()))).toList();
    }

    @Transactional(readOnly = true)
    public RoadmapView get(TenantConfiguration config, UUID id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from roadmap where id = ?", id);
        if (rows.isEmpty()) {
            throw new Refusal(404, "roadmap-not-found", "Дорожная карта не найдена", "Дорожной карты нет (или она другого муниципалитета)");
        }
        return view(config, rows.getFirst(), jdbc.queryForList("select * from roadmap_measure where roadmap_id = ? order by position", id));
    }

    /** A roadmap's row and its measures' rows as the API shows them, with the measures' effects. */
    private RoadmapView view(TenantConfiguration config, Map<String, Object> r, List<Map<String, Object>> measureRows) {
        UUID id = (UUID) r.get("id");
        String category = (String) r.get("category");
        String territory = (String) r.get("territory");
        LocalDate today = clock.instant().atZone(config.zone()).toLocalDate();
        List<MeasureView> measures = new ArrayList<>();
        LocalDate lastDone = null;
        int done = 0;
        int overdue = 0;
        for (Map<String, Object> m : measureRows) {
            String status = (String) m.get("status");
            LocalDate due = ((Date) m.get("due")).toLocalDate();
            LocalDate doneOn = m.get("done_on") == null ? null : ((Date) m.get("done_on")).toLocalDate();
            boolean late = !Set.of("done", "cancelled").contains(status) && due.isBefore(today);
            if ("done".equals(status)) {
                done++;
                lastDone = lastDone == null || doneOn.isAfter(lastDone) ? doneOn : lastDone;
            }
            if (late) {
                overdue++;
            }
            String kind = (String) m.get("owner_kind");
            String owner = (String) m.get("owner");
            measures.add(new MeasureView((UUID) m.get("id"), (Integer) m.get("position"), (String) m.get("text"), kind, owner,
                    owners(config, kind).getOrDefault(owner, owner), due, status, doneOn, late,
                    doneOn == null ? null : effect(category, territory, doneOn, today)));
        }
        return new RoadmapView(id, (String) r.get("title"), (String) r.get("cause"), category, Names.categories(config).getOrDefault(category, category),
                territory, territory.isEmpty() ? "все территории" : Names.territories(config).getOrDefault(territory, territory), (String) r.get("status"), List.copyOf(config.roadmapApprovers()),
                ((Timestamp) r.get("created_at")).toInstant(), (String) r.get("created_by"),
                r.get("adopted_at") == null ? null : ((Timestamp) r.get("adopted_at")).toInstant(), (String) r.get("adopted_by"), done, overdue,
                measures, lastDone == null ? null : effect(category, territory, lastDone, today));
    }

    /** The cluster's messages before and after a day, from the per-message facts (counts only). */
    private Effect effect(String category, String territory, LocalDate on, LocalDate today) {
        LocalDate afterEnd = on.plusDays(EFFECT_DAYS).isBefore(today) ? on.plusDays(EFFECT_DAYS) : today.minusDays(1);
        int afterDays = (int) Math.max(0, ChronoUnit.DAYS.between(on, afterEnd));
        long[] counts = jdbc.queryForObject("""
                        select count(*) filter (where received_day between ? and ?) as before,
                               count(*) filter (where received_day between ? and ?) as after
                        from message_facts where (? = '' or category = ?) and (? = '' or territory = ?) and received_day between ? and ?""",
                (rs, n) -> new long[] {rs.getLong("before"), rs.getLong("after")}, Date.valueOf(on.minusDays(EFFECT_DAYS)), Date.valueOf(on.minusDays(1)),
                Date.valueOf(on.plusDays(1)), Date.valueOf(afterEnd), category, category, territory, territory, Date.valueOf(on.minusDays(EFFECT_DAYS)),
                Date.valueOf(afterEnd));
        Double change = counts[0] == 0 || afterDays == 0 ? null
                : Math.round(((double) counts[1] / afterDays / ((double) counts[0] / EFFECT_DAYS) - 1) * 1000) / 1000.0;
        return new Effect(on, counts[0], counts[1], afterDays, change);
    }

    private static String text(String field, String value, int longest) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(field, "Заполните поле");
        }
        if (value.strip().length() > longest) {
            throw Refusal.invalid(field, "Не длиннее " + longest + " знаков");
        }
        return value.strip();
    }

    private static void code(String field, String value, Map<String, String> known) {
        if (value == null || !known.containsKey(value)) {
            throw Refusal.invalid(field, "Такого кода нет в шаблоне муниципалитета" + (value == null ? "" : ": «"
                    + ru.mcu.core.shared.Texts.shortened(value, 41) + "»"));
        }
    }

    /** A code the template has, or '' where none is given. */
    private static String optional(String field, String value, Map<String, String> known) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        code(field, value, known);
        return value;
    }

    /** Who may own a measure, by kind: the template's responsible recipients, sector blocks or roles; null for another kind. */
    static Map<String, String> owners(TenantConfiguration config, String kind) {
        return switch (kind == null ? "" : kind) {
            case "recipient" -> Names.recipients(config);
            case "block" -> Names.blocks(config);
            case "role" -> config.roleNames();
            default -> null;
        };
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, "Дата в виде ГГГГ-ММ-ДД");
        }
    }
}
