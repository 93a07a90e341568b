package ru.mcu.core.message;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ru.mcu.core.shared.Actor;

/**
 * Intake's rows in the database: which external ids a batch already holds, and the batch written in
 * one statement (arrays unnested), skipping any external id another request took meanwhile.
 */
@Component
class IntakeRows {
    private final JdbcTemplate jdbc;

    IntakeRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<Integer, Intake.Existing> existing(List<Intake.Planned> plans) {
        List<Intake.Planned> withIds = plans.stream().filter(p -> p.incoming().externalId() != null).toList();
        Map<Integer, Intake.Existing> found = new HashMap<>();
        if (withIds.isEmpty()) {
            return found;
        }
        Map<String, Integer> byKey = new HashMap<>();
        withIds.forEach(p -> byKey.put(p.incoming().channel() + "\u0000" + p.incoming().externalId(), p.index()));
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("select m.channel, m.external_id, m.id, m.intake_hash, m.state, m.due_at "
                    + "from message m join unnest(?::text[], ?::text[]) as k(channel, external_id) "
                    + "on m.channel = k.channel and m.external_id = k.external_id");
            statement.setArray(1, connection.createArrayOf("text", withIds.stream().map(p -> p.incoming().channel()).toArray()));
            statement.setArray(2, connection.createArrayOf("text", withIds.stream().map(p -> p.incoming().externalId()).toArray()));
            return statement;
        }, rs -> {
            Integer index = byKey.get(rs.getString("channel") + "\u0000" + rs.getString("external_id"));
            found.put(index, new Intake.Existing(rs.getObject("id", UUID.class), rs.getString("intake_hash"), rs.getString("state"),
                    rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant()));
        });
        return found;
    }

    /** One statement for the whole batch; returns the messages it wrote. */
    List<Intake.Planned> insert(List<Intake.Planned> plans, Actor actor, Instant now) {
        if (plans.isEmpty()) {
            return List.of();
        }
        int n = plans.size();
        Object[][] columns = new Object[31][n];
        for (int i = 0; i < n; i++) {
            Intake.Planned p = plans.get(i);
            Incoming m = p.incoming();
            Incoming.Closed closed = m.closed();
            Object[] row = {p.id(), m.kind() == null ? "message" : m.kind(), m.channel(), m.externalId(), m.externalUrl(),
                    Timestamp.from(m.receivedAt()), m.citizen().name(), m.citizen().phone(), m.citizen().email(), m.text(), m.territory(),
                    m.address(), m.latitude(), m.longitude(), m.category(), m.subcategory(), p.block(), p.regulation(), p.state(),
                    p.isFinal(), m.sourceDueAt() == null ? null : Timestamp.from(m.sourceDueAt()),
                    p.nearest() == null ? null : p.nearest().kind(), p.nearest() == null ? null : Timestamp.from(p.nearest().due().at()), p.hash(), Timestamp.from(now), actor.name(), Timestamp.from(now),
                    closed == null ? null : closed.answer(), closed == null ? null : closed.resultStatus(),
                    closed == null ? null : Timestamp.from(closed.at()), m.priority()};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        String[] types = {"uuid", "text", "text", "text", "text", "timestamptz", "text", "text", "text", "text", "text", "text", "float8",
                "float8", "text", "text", "text", "text", "text", "bool", "timestamptz", "text", "timestamptz", "text", "timestamptz", "text",
                "timestamptz", "text", "text", "timestamptz", "text"};
        Set<UUID> written = new java.util.HashSet<>();
        jdbc.query(connection -> {
            StringBuilder unnest = new StringBuilder();
            for (int c = 0; c < types.length; c++) {
                unnest.append(c == 0 ? "" : ", ").append("?::").append(types[c]).append("[]");
            }
            PreparedStatement statement = connection.prepareStatement("insert into message (tenant_id, id, kind, channel, external_id, "
                    + "external_url, received_at, citizen_name, citizen_phone, citizen_email, text, territory, address, latitude, longitude, "
                    + "category, subcategory, block, regulation, state, final, source_due_at, due_kind, due_at, intake_hash, created_at, "
                    + "created_by, updated_at, answer, result_status, closed_at, priority, version) select current_tenant(), u.*, 0 from unnest(" + unnest + ") as u "
                    + "on conflict (tenant_id, channel, external_id) do nothing returning id");
            for (int c = 0; c < types.length; c++) {
                statement.setArray(c + 1, array(connection, types[c], columns[c]));
            }
            return statement;
        }, rs -> {
            written.add(rs.getObject("id", UUID.class));
        });
        return plans.stream().filter(p -> written.contains(p.id())).toList();
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

}
