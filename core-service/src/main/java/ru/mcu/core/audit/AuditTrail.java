package ru.mcu.core.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * The municipality's audit trail: every action on its messages, append-only (the application's
 * database role may insert and read, not change or delete), each entry chained to the previous one
 * of the municipality by a SHA-256 hash, so that any later edit or deletion is detected by {@link #verify()}.
 */
@Service
public class AuditTrail {
    /** What happened; {@code details} holds deadline changes and the like, as ordered key/value pairs. */
    public record Entry(UUID messageId, String actor, List<String> actorRoles, String action, String fromState, String toState,
                        String comment, Map<String, Object> details) {
    }

    public record Recorded(long seq, UUID messageId, Instant at, String actor, String actorRoles, String action, String fromState,
                           String toState, String comment, String details, String prevHash, String hash) {
    }

    /** The outcome of re-computing the chain: where it first breaks, if it does. */
    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String problem, String headHash) {
    }

    static final String GENESIS = "0".repeat(64);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AuditTrail(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Appends in the caller's transaction: the entries commit or vanish with the action they record. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(Instant at, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String tenant = CurrentTenant.required();
        Instant when = at.truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps, so the hash can be recomputed
        jdbc.update("insert into audit_head (tenant_id, seq, hash) values (current_tenant(), 0, ?) on conflict do nothing", GENESIS);
        // The head row's lock orders the municipality's entries: concurrent actions queue here, briefly.
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from audit_head where tenant_id = current_tenant() for update");
        long seq = ((Number) head.get("seq")).longValue();
        String previous = (String) head.get("hash");
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            seq++;
            String roles = String.join(",", entry.actorRoles());
            String details = json.writeValueAsString(entry.details() == null ? Map.of() : entry.details());
            String hash = hash(previous, tenant, seq, entry.messageId(), when, entry.actor(), roles, entry.action(), entry.fromState(),
                    entry.toState(), entry.comment(), details);
            rows.add(new Object[] {seq, entry.messageId(), Timestamp.from(when), entry.actor(), roles, entry.action(), entry.fromState(),
                    entry.toState(), entry.comment(), details, previous, hash});
            previous = hash;
        }
        jdbc.batchUpdate("insert into audit_entry (tenant_id, seq, message_id, at, actor, actor_roles, action, from_state, to_state, "
                + "comment, details, prev_hash, hash) values (current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        jdbc.update("update audit_head set seq = ?, hash = ? where tenant_id = current_tenant()", seq, previous);
    }

    @Transactional(readOnly = true)
    public List<Recorded> ofMessage(UUID messageId) {
        return jdbc.query("select * from audit_entry where message_id = ? order by seq", (rs, n) -> recorded(rs), messageId);
    }

    /** Streams the whole trail in order (for export), without holding it in memory. */
    @Transactional(readOnly = true)
    public void each(Consumer<Recorded> sink) {
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select * from audit_entry order by seq");
            statement.setFetchSize(1000);
            return statement;
        }, rs -> {
            sink.accept(recorded(rs));
        });
    }

    /** Recomputes every hash of the municipality's chain, and checks the chain reaches the recorded head. */
    @Transactional(readOnly = true)
    public Verification verify() {
        String tenant = CurrentTenant.required();
        long[] count = {0};
        long[] expectedSeq = {1};
        String[] previous = {GENESIS};
        Verification[] broken = {null};
        each(entry -> {
            if (broken[0] != null) {
                return;
            }
            count[0]++;
            String problem = null;
            if (entry.seq() != expectedSeq[0]) {
                problem = "запись " + expectedSeq[0] + " отсутствует";
            } else if (!entry.prevHash().equals(previous[0])) {
                problem = "запись не ссылается на хеш предыдущей";
            } else if (!entry.hash().equals(hash(entry.prevHash(), tenant, entry.seq(), entry.messageId(), entry.at(), entry.actor(),
                    entry.actorRoles(), entry.action(), entry.fromState(), entry.toState(), entry.comment(), entry.details()))) {
                problem = "содержимое записи изменено после записи";
            }
            if (problem != null) {
                broken[0] = new Verification(false, count[0], entry.seq() != expectedSeq[0] ? expectedSeq[0] : entry.seq(), problem, null);
            }
            expectedSeq[0] = entry.seq() + 1;
            previous[0] = entry.hash();
        });
        if (broken[0] != null) {
            return broken[0];
        }
        var head = jdbc.queryForList("select seq, hash from audit_head where tenant_id = current_tenant()");
        long headSeq = head.isEmpty() ? 0 : ((Number) head.getFirst().get("seq")).longValue();
        String headHash = head.isEmpty() ? GENESIS : (String) head.getFirst().get("hash");
        if (headSeq != count[0] || !headHash.equals(previous[0])) {
            return new Verification(false, count[0], count[0] + 1, "цепочка короче записанной головы (" + headSeq + "): последние записи удалены", headHash);
        }
        return new Verification(true, count[0], null, null, headHash);
    }

    private static Recorded recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recorded(rs.getLong("seq"), rs.getObject("message_id", UUID.class), rs.getTimestamp("at").toInstant(),
                rs.getString("actor"), rs.getString("actor_roles"), rs.getString("action"), rs.getString("from_state"),
                rs.getString("to_state"), rs.getString("comment"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    /** Fields joined with a unit separator, each with its length, so no two different entries hash alike. */
    static String hash(String previous, String tenant, long seq, UUID messageId, Instant at, String actor, String roles, String action,
                       String fromState, String toState, String comment, String details) {
        StringBuilder canonical = new StringBuilder();
        for (Object field : new Object[] {previous, tenant, seq, messageId, at.truncatedTo(ChronoUnit.MICROS), actor, roles, action,
                fromState, toState, comment, details}) {
            String value = field == null ? "" : field.toString();
            canonical.append(field == null ? -1 : value.length()).append(':').append(value).append('\u001f');
        }
        return ru.mcu.core.shared.Checksums.sha256(canonical.toString());
    }
}
