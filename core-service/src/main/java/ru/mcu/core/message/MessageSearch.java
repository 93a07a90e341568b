package ru.mcu.core.message;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding messages: by status, channel, category, block, recipient, executor, period, overdue or at
 * risk, and by words in Russian (PostgreSQL full text with the russian configuration, so «ямы»
 * finds «яма»). Row-level security keeps every query inside the caller's municipality.
 */
@Service
public class MessageSearch {
    public record Filter(List<String> states, String channel, String category, String block, String recipient, String executor,
                         Boolean overdue, Boolean atRisk, Instant from, Instant to, String text, String onlyExecutor, Sort sort, int page, int size,
                         boolean attachmentText) {
    }

    /** The queue's orders; a text search ranks by relevance first whatever the order. */
    public enum Sort {
        RECEIVED_DESC(" order by received_at desc, id"),
        RECEIVED_ASC(" order by received_at, id"),
        // What is due soonest first; finished or paused items, which have no running clock, after them.
        DUE_ASC(" order by (final or paused_at is not null or due_at is null), due_at, received_at, id");

        private final String sql;

        Sort(String sql) {
            this.sql = sql;
        }

        /** "received-desc" → RECEIVED_DESC; empty when the name is none of them. */
        public static java.util.Optional<Sort> named(String name) {
            return java.util.Arrays.stream(values()).filter(s -> s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(name)).findFirst();
        }
    }

    public record Page(List<UUID> ids, long total) {
    }

    /** A due date this close counts as at risk. */
    public static final Duration AT_RISK = Duration.ofHours(4);

    public record Count(String key, long overdue, long atRisk) {
    }

    public record DeadlineReport(long overdue, long atRisk, List<Count> byBlock, List<Count> byRecipient, List<Count> byExecutor) {
    }

    private final JdbcTemplate jdbc;

    MessageSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Page find(Filter filter, Instant now) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (filter.states() != null && !filter.states().isEmpty()) {
            where.append(" and state = any (?)");
            args.add(filter.states().toArray(String[]::new));
        }
        equal(where, args, "channel", filter.channel());
        equal(where, args, "category", filter.category());
        equal(where, args, "block", filter.block());
        equal(where, args, "recipient", filter.recipient());
        equal(where, args, "executor", filter.executor());
        equal(where, args, "executor", filter.onlyExecutor());
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.append(" and not final and paused_at is null and due_at < ?");
            args.add(Timestamp.from(now));
        } else if (Boolean.FALSE.equals(filter.overdue())) {
            where.append(" and (final or paused_at is not null or due_at is null or due_at >= ?)");
            args.add(Timestamp.from(now));
        }
        if (Boolean.TRUE.equals(filter.atRisk())) {
            where.append(" and not final and paused_at is null and due_at >= ? and due_at < ?");
            args.add(Timestamp.from(now));
            args.add(Timestamp.from(now.plus(AT_RISK)));
        }
        if (filter.from() != null) {
            where.append(" and received_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and received_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        String order = (filter.sort() == null ? Sort.RECEIVED_DESC : filter.sort()).sql;
        if (filter.text() != null && !filter.text().isBlank()) {
            if (filter.attachmentText()) {
                // The words may be in the message or in the text extracted from its files (the attachment table's own index):
                // two index scans joined, not a filter over every message. Only for whoever may see the files' text.
                where.append(" and id in (select id from message where search @@ websearch_to_tsquery('russian', ?) "
                        + "union select message_id from attachment where search @@ websearch_to_tsquery('russian', ?))");
                args.add(filter.text());
                args.add(filter.text());
            } else {
                where.append(" and search @@ websearch_to_tsquery('russian', ?)");
                args.add(filter.text());
            }
            order = " order by ts_rank(search, websearch_to_tsquery('russian', ?)) desc," + order.substring(" order by".length());
        }
        long total = jdbc.queryForObject("select count(*) from message" + where, Long.class, arrays(args));
        List<Object> pageArgs = new ArrayList<>(args);
        if (filter.text() != null && !filter.text().isBlank()) {
            pageArgs.add(filter.text());
        }
        pageArgs.add(filter.size());
        pageArgs.add((long) filter.page() * filter.size());
        List<UUID> ids = jdbc.queryForList("select id from message" + where + order + " limit ? offset ?", UUID.class, arrays(pageArgs));
        return new Page(ids, total);
    }

    /** Overdue and at-risk open items of the municipality, in total and per block, recipient and executor. */
    @Transactional(readOnly = true)
    public DeadlineReport deadlines(Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp risk = Timestamp.from(now.plus(AT_RISK));
        Map<String, List<Count>> groups = new LinkedHashMap<>();
        long[] totals = {0, 0};
        for (String column : List.of("block", "recipient", "executor")) {
            List<Count> counts = jdbc.query("select coalesce(" + column + ", '') as key, count(*) filter (where due_at < ?) as overdue, "
                    + "count(*) filter (where due_at >= ? and due_at < ?) as at_risk from message where not final and paused_at is null and due_at < ? "
                    + "group by 1 order by 2 desc, 3 desc, 1", (rs, n) -> new Count(rs.getString("key"), rs.getLong("overdue"),
                    rs.getLong("at_risk")), at, at, risk, risk);
            groups.put(column, counts);
            if (column.equals("block")) {
                counts.forEach(c -> {
                    totals[0] += c.overdue();
                    totals[1] += c.atRisk();
                });
            }
        }
        return new DeadlineReport(totals[0], totals[1], groups.get("block"), groups.get("recipient"), groups.get("executor"));
    }

    private static void equal(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static Object[] arrays(List<Object> args) {
        return args.toArray();
    }
}
