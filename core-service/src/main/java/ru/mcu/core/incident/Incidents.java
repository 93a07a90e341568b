package ru.mcu.core.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.message.Message;
import ru.mcu.core.message.Messages;
import ru.mcu.core.message.Workflow;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Messages about one problem that staff confirmed as one incident, handled once: a step taken on the
 * incident is taken on each of its messages that offers it now, each through its own regulation (its
 * own deadlines, its own audit entry, its own satisfaction window after the answer), with the same
 * inputs: one executor, one answer. An incident can be split again; one message left is no incident.
 */
@Service
public class Incidents {
    /** Who may group messages: those who distribute them to executors (the template's message.assign). */
    static final String PERMISSION = "message.assign";
    static final int MOST_MESSAGES = 100;

    public record IncidentMessage(UUID id, String channel, String text, Instant receivedAt, String state, String stateName, boolean isFinal,
                         String executor) {
    }

    public record Incident(UUID id, String title, Instant createdAt, String createdBy, List<IncidentMessage> messages) {
    }

    /** What a step on the incident did: the messages it was taken on, and those that did not offer it, with the steps they do offer. */
    public record IncidentStep(Incident incident, List<UUID> applied, List<SkippedMessage> skipped) {
    }

    public record SkippedMessage(UUID id, String state, String stateName, List<String> offered) {
    }

    private final JdbcTemplate jdbc;
    private final Messages messages;
    private final Workflow workflow;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Incidents(JdbcTemplate jdbc, Messages messages, Workflow workflow, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.workflow = workflow;
        this.events = events;
        this.clock = clock;
    }

    /** A new incident of these messages (at least two, the first one's text its title where none is given). */
    @Transactional
    public Incident create(TenantConfiguration config, Actor actor, String title, List<UUID> ids) {
        Set<UUID> distinct = new LinkedHashSet<>(ids);
        if (distinct.size() < 2) {
            throw Refusal.invalid("messages", "Инцидент объединяет не меньше двух разных сообщений");
        }
        if (distinct.size() > MOST_MESSAGES) {
            throw Refusal.invalid("messages", "В одном инциденте не больше " + MOST_MESSAGES + " сообщений");
        }
        List<Message> joining = distinct.stream().map(id -> joinable(config, actor, id)).toList();
        String name = title == null || title.isBlank() ? ru.mcu.core.shared.Texts.shortened(joining.getFirst().getText().strip().replaceAll("\\s+", " "), 121) : title.strip();
        if (name.length() > 300) {
            throw Refusal.invalid("title", "Название инцидента — не длиннее 300 знаков");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update("insert into incident (tenant_id, id, title, created_at, created_by) values (current_tenant(), ?, ?, ?, ?)",
                id, name, Timestamp.from(now), actor.name());
        joining.forEach(m -> join(id, m, actor, now));
        return get(config, id, actor);
    }

    /** One more message into the incident. */
    @Transactional
    public Incident add(TenantConfiguration config, Actor actor, UUID incident, UUID messageId) {
        load(incident);
        join(incident, joinable(config, actor, messageId), actor, clock.instant());
        return get(config, incident, actor);
    }

    /** A message split off the incident; where one is left, the incident is dissolved (empty: {@code Optional.empty()}). */
    @Transactional
    public Optional<Incident> remove(TenantConfiguration config, Actor actor, UUID incident, UUID messageId) {
        Loaded current = load(incident);
        if (current.messages().stream().noneMatch(m -> m.getId().equals(messageId))) {
            throw new Refusal(404, "message-not-in-incident", "Сообщения нет в инциденте", "Сообщение не входит в этот инцидент");
        }
        Instant now = clock.instant();
        current.messages().stream().filter(m -> m.getId().equals(messageId)).forEach(m -> leave(incident, m, actor, now));
        List<Message> left = current.messages().stream().filter(m -> !m.getId().equals(messageId)).toList();
        if (left.size() < 2) {
            left.forEach(m -> leave(incident, m, actor, now));
            jdbc.update("delete from incident where id = ?", incident);
            return Optional.empty();
        }
        return Optional.of(get(config, incident, actor));
    }

    /** The step on every message of the incident that offers it to this actor now, in one transaction: all of them, or none. */
    @Transactional
    public IncidentStep act(TenantConfiguration config, Actor actor, UUID incident, String action, Workflow.Step step) {
        // Only the messages this person may see: not theirs to step, nor to be told about (an executor sees the ones given to them).
        List<Message> visible = view(config, load(incident), actor);
        List<UUID> applied = new ArrayList<>();
        List<SkippedMessage> skipped = new ArrayList<>();
        for (Message message : visible) {
            List<String> offered = message.isFinal() ? List.of()
                    : workflow.available(config, message, actor).stream().map(TenantConfiguration.Transition::action).distinct().toList();
            if (!offered.contains(action)) {
                skipped.add(new SkippedMessage(message.getId(), message.getState(), config.stateName(message.getRegulation(), message.getState()), offered));
                continue;
            }
            try {
                // Each message at the version it has now: the incident's step is one decision for all of them.
                workflow.act(config, message.getId(), action, withoutVersion(step), actor);
            } catch (Refusal refusal) {
                throw refusal.with("messageId", message.getId().toString());
            }
            applied.add(message.getId());
        }
        if (applied.isEmpty()) {
            throw new Refusal(409, "transition-not-allowed", "Действие недоступно", "Действие «" + action
                    + "» сейчас не предусмотрено ни для одного сообщения инцидента").with("allowedActions",
                    skipped.stream().flatMap(s -> s.offered().stream()).distinct().toList());
        }
        return new IncidentStep(get(config, incident, actor), applied, skipped);
    }

    /** The incident with the messages {@code viewer} may see; none of them: not found, as if it did not exist. */
    @Transactional(readOnly = true)
    public Incident get(TenantConfiguration config, UUID id, Actor viewer) {
        Loaded loaded = load(id);
        List<IncidentMessage> members = view(config, loaded, viewer).stream().map(m -> new IncidentMessage(m.getId(), m.getChannel(), m.getText(),
                m.getReceivedAt(), m.getState(), config.stateName(m.getRegulation(), m.getState()), m.isFinal(), m.getExecutor())).toList();
        return new Incident(id, loaded.title(), loaded.createdAt(), loaded.createdBy(), members);
    }

    /** The incident a message is in, if any, as {@code viewer} may see it. */
    @Transactional(readOnly = true)
    public Optional<Incident> of(TenantConfiguration config, UUID messageId, Actor viewer) {
        List<UUID> found = jdbc.queryForList("select incident_id from incident_message where message_id = ?", UUID.class, messageId);
        return found.isEmpty() ? Optional.empty() : Optional.of(get(config, found.getFirst(), viewer));
    }

    /** An incident's row and all its messages, in the order they joined. */
    private record Loaded(String title, Instant createdAt, String createdBy, List<Message> messages) {
    }

    private Loaded load(UUID id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select title, created_at, created_by from incident where id = ?", id);
        if (rows.isEmpty()) {
            throw notFound();
        }
        List<UUID> ids = jdbc.queryForList("select message_id from incident_message where incident_id = ? order by added_at, message_id", UUID.class, id);
        Map<String, Object> row = rows.getFirst();
        return new Loaded((String) row.get("title"), ((Timestamp) row.get("created_at")).toInstant(), (String) row.get("created_by"), messages.all(ids));
    }

    private static List<Message> view(TenantConfiguration config, Loaded loaded, Actor viewer) {
        List<Message> seen = loaded.messages().stream().filter(m -> m.visibleTo(viewer, config)).toList();
        if (seen.isEmpty()) {
            throw notFound();
        }
        return seen;
    }

    private static Refusal notFound() {
        return new Refusal(404, "incident-not-found", "Инцидент не найден", "Инцидента нет (или он другого муниципалитета)");
    }

    /** A message the actor may see, still open, in no incident yet. */
    private Message joinable(TenantConfiguration config, Actor actor, UUID id) {
        Message message = messages.visible(id, actor, config);
        if (message.isFinal()) {
            throw new Refusal(422, "message-closed", "Сообщение уже закрыто", "Закрытое сообщение не объединяется в инцидент: его ответ уже дан")
                    .with("messageId", id.toString());
        }
        Integer in = jdbc.queryForObject("select count(*) from incident_message where message_id = ?", Integer.class, id);
        if (in != null && in > 0) {
            throw new Refusal(409, "already-in-incident", "Сообщение уже в инциденте", "Сообщение уже входит в другой инцидент: сначала отделите его")
                    .with("messageId", id.toString());
        }
        return message;
    }

    private void join(UUID incident, Message message, Actor actor, Instant now) {
        jdbc.update("insert into incident_message (tenant_id, incident_id, message_id, added_at, added_by) values (current_tenant(), ?, ?, ?, ?)",
                incident, message.getId(), Timestamp.from(now), actor.name());
        events.publishEvent(new IncidentChanged(CurrentTenant.required(), message.getId(), incident, true, actor.name(), actor.roles(),
                message.getState(), now));
    }

    private void leave(UUID incident, Message message, Actor actor, Instant now) {
        jdbc.update("delete from incident_message where message_id = ?", message.getId());
        events.publishEvent(new IncidentChanged(CurrentTenant.required(), message.getId(), incident, false, actor.name(), actor.roles(),
                message.getState(), now));
    }

    private static Workflow.Step withoutVersion(Workflow.Step s) {
        return new Workflow.Step(s.comment(), s.executor(), s.recipient(), s.deadline(), s.category(), s.subcategory(), s.resultStatus(),
                s.contactedApplicant(), s.reason(), s.answer(), null, s.by(), s.days(), s.registeredAt(), s.rating());
    }

}
