package ru.mcu.core.deadline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.workingtime.DeadlineCalculator;

/**
 * Deadlines of a municipality's messages: due dates by the template's policies on its working
 * calendar ({@link WorkingCalendars}), the deadlines each message has open, and the history of every
 * deadline it had.
 */
@Service
public class Deadlines {
    /** A deadline as a message carries it. */
    public record Started(UUID id, String kind, Instant startedAt, Instant dueAt, String trace, boolean recomputable) {
    }

    public record History(UUID id, String kind, Instant startedAt, Instant dueAt, String trace, String status, Instant closedAt,
                          String reason) {
    }

    private final JdbcTemplate jdbc;
    private final WorkingCalendars calendars;

    Deadlines(JdbcTemplate jdbc, WorkingCalendars calendars) {
        this.jdbc = jdbc;
        this.calendars = calendars;
    }

    /**
     * The due date of a kind of deadline of a message or appeal, if a policy sets one; a
     * source-supplied one needs the source's date.
     */
    public Optional<DeadlineCalculator.Due> due(TenantConfiguration config, String messageKind, String channel, String priority, String kind,
                                                Instant from, Instant supplied) {
        return config.policy(messageKind, channel, priority, kind).flatMap(policy -> "source-supplied".equals(policy.measure()) && supplied == null
                ? Optional.empty()
                : Optional.of(calendars.calculator(config, channel).due(policy, from, supplied)));
    }

    /**
     * Opens a deadline of a kind, replacing the message's open one of the same kind (whose old due
     * date stays in the history); deadlines of other kinds stay open beside it. Returns the replaced
     * one's due date, if there was one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Instant> start(UUID messageId, String kind, Instant startedAt, DeadlineCalculator.Due due, Instant now,
                                   boolean recomputable) {
        List<Instant> replaced = jdbc.query("update deadline set status = 'replaced', closed_at = ?, reason = ? "
                        + "where message_id = ? and status = 'open' and kind = ? returning due_at",
                (rs, n) -> rs.getTimestamp("due_at").toInstant(), Timestamp.from(now), "заменён новым сроком «" + kind + "»", messageId, kind);
        startAll(List.of(messageId), List.of(new Started(UUID.randomUUID(), kind, startedAt, due.at(), due.trace(), recomputable)));
        return replaced.stream().findFirst();
    }

    /** The policy a computed deadline of this kind follows, if it is one the calendar can move. */
    public Optional<DeadlineCalculator.Policy> recomputablePolicy(TenantConfiguration config, String messageKind, String channel, String priority,
                                                                  String kind) {
        return config.policy(messageKind, channel, priority, kind)
                .filter(policy -> !"source-supplied".equals(policy.measure()));
    }

    /** An open deadline the calendar can move, with what its message says of it. */
    public record Open(UUID id, UUID messageId, String messageKind, String channel, String priority, String kind, Instant startedAt,
                       Instant dueAt) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Open> openRecomputable() {
        return jdbc.query("select d.id, d.message_id, m.kind as message_kind, m.channel, m.priority, d.kind, d.started_at, d.due_at "
                + "from deadline d join message m on m.tenant_id = d.tenant_id and m.id = d.message_id "
                + "where d.status = 'open' and d.recomputable for update of d", (rs, n) -> new Open(rs.getObject("id", UUID.class),
                rs.getObject("message_id", UUID.class), rs.getString("message_kind"), rs.getString("channel"), rs.getString("priority"), rs.getString("kind"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("due_at").toInstant()));
    }

    /** Replaces an open deadline by its recomputation; the old due date stays in the history. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recomputed(Open old, DeadlineCalculator.Due due, Instant now, String reason) {
        jdbc.update("update deadline set status = 'recomputed', closed_at = ?, reason = ? where id = ? and status = 'open'",
                Timestamp.from(now), reason, old.id());
        startAll(List.of(old.messageId()), List.of(new Started(UUID.randomUUID(), old.kind(), old.startedAt(), due.at(),
                due.trace() + "; пересчитан: " + reason, true)));
    }

    /** Opens deadlines as given, in one batch (intake: no message has an open deadline yet). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void startAll(List<UUID> messageIds, List<Started> deadlines) {
        List<Object[]> rows = new java.util.ArrayList<>(deadlines.size());
        for (int i = 0; i < deadlines.size(); i++) {
            Started d = deadlines.get(i);
            rows.add(new Object[] {d.id(), messageIds.get(i), d.kind(), Timestamp.from(d.startedAt()), Timestamp.from(d.dueAt()), d.trace(),
                    d.recomputable()});
        }
        jdbc.batchUpdate("insert into deadline (tenant_id, id, message_id, kind, started_at, due_at, trace, status, recomputable) "
                + "values (current_tenant(), ?, ?, ?, ?, ?, ?, 'open', ?)", rows);
    }

    /**
     * Closes every open deadline of the message: met or missed when the work they measured is done,
     * or with the given status (replaced, recomputed, cancelled) when something else ends them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void close(UUID messageId, Instant at, String status, String reason) {
        closeKinds(messageId, null, at, status, reason);
    }

    /** The same for the open deadlines of these kinds only (all kinds when null). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void closeKinds(UUID messageId, java.util.Collection<String> kinds, Instant at, String status, String reason) {
        if (kinds != null && kinds.isEmpty()) {
            return;
        }
        String which = kinds == null ? "" : " and kind = any(?)";
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("update deadline set status = "
                    + (status == null ? "case when due_at >= ? then 'met' else 'missed' end" : "?")
                    + ", closed_at = ?, reason = ? where message_id = ? and status = 'open'" + which);
            if (status == null) {
                statement.setTimestamp(1, Timestamp.from(at));
            } else {
                statement.setString(1, status);
            }
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setString(3, reason);
            statement.setObject(4, messageId);
            if (kinds != null) {
                statement.setArray(5, connection.createArrayOf("text", kinds.toArray()));
            }
            return statement;
        });
    }

    /** A deadline still running. */
    public record Running(String kind, Instant startedAt, Instant dueAt, String trace) {
    }

    /** The message's open deadlines, the nearest first. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Running> open(UUID messageId) {
        return jdbc.query("select kind, started_at, due_at, trace from deadline where message_id = ? and status = 'open' order by due_at, kind",
                (rs, n) -> new Running(rs.getString("kind"), rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("due_at").toInstant(),
                        rs.getString("trace")), messageId);
    }

    /** The nearest of the message's open deadlines. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Running> nearest(UUID messageId) {
        return open(messageId).stream().findFirst();
    }

    /**
     * Moves every open deadline of the message (waiting for the citizen gave the time back): each is
     * replaced by its moved copy, the old due date kept in the history.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Running> shift(UUID messageId, java.util.function.Function<Running, DeadlineCalculator.Due> moved, Instant now) {
        List<Running> result = new java.util.ArrayList<>();
        for (Running running : open(messageId)) {
            DeadlineCalculator.Due due = moved.apply(running);
            start(messageId, running.kind(), running.startedAt(), due, now, false);
            result.add(new Running(running.kind(), running.startedAt(), due.at(), due.trace()));
        }
        return result;
    }

    @Transactional(readOnly = true)
    public List<History> history(UUID messageId) {
        return jdbc.query("select * from deadline where message_id = ? order by started_at, closed_at nulls last", (rs, n) -> new History(
                rs.getObject("id", UUID.class), rs.getString("kind"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("due_at").toInstant(), rs.getString("trace"), rs.getString("status"),
                rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(), rs.getString("reason")), messageId);
    }
}
