package ru.mcu.core.duplicate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.message.Message;
import ru.mcu.core.message.Messages;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.tenant.TenantConfiguration;

/**
 * The messages that may be about the same problem as a given one: of its category (or, like it,
 * of none), received within ten days of it, scored by {@link Similarity}; the person decides.
 */
@Service
public class Duplicates {
    static final Duration WINDOW = Duration.ofDays(10);
    /** The most candidates read for one message: the nearest in time. */
    static final int CANDIDATES = 2_000;
    static final int PROPOSED = 10;

    /** A message proposed as a duplicate, with what its score is made of. */
    public record Proposal(UUID id, Instant receivedAt, String channel, String text, String territory, String address, String state,
                           String stateName, boolean isFinal, double score, List<String> reasons) {
    }

    public record Proposals(UUID messageId, String category, double threshold, int compared, List<Proposal> proposals) {
    }

    private record Candidate(UUID id, String text, String territory, Double latitude, Double longitude, Instant receivedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Messages messages;

    Duplicates(JdbcTemplate jdbc, Messages messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /** The message's likely duplicates the actor may see, most likely first. */
    @Transactional(readOnly = true)
    public Proposals of(Message message, Actor actor, TenantConfiguration config) {
        Instant at = message.getReceivedAt() != null ? message.getReceivedAt() : message.getCreatedAt();
        // "category = ?" and "is null" as two forms, so that the index on (tenant, category, received) serves both.
        List<Object> args = new ArrayList<>();
        if (message.getCategory() != null) {
            args.add(message.getCategory());
        }
        args.addAll(List.of(message.getId(), Timestamp.from(at.minus(WINDOW)), Timestamp.from(at.plus(WINDOW)), Timestamp.from(at), CANDIDATES));
        List<Candidate> candidates = jdbc.query("select id, text, territory, latitude, longitude, received_at from message where "
                        + (message.getCategory() != null ? "category = ?" : "category is null")
                        + " and id <> ? and received_at between ? and ? order by abs(extract(epoch from received_at - ?::timestamptz)) limit ?",
                (rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("text"), rs.getString("territory"),
                        (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"), rs.getTimestamp("received_at").toInstant()),
                args.toArray());
        RussianText own = RussianText.of(message.getText());
        Map<UUID, RussianText> texts = new HashMap<>();
        candidates.forEach(c -> texts.put(c.id(), RussianText.of(c.text())));
        List<RussianText> pool = new ArrayList<>(texts.values());
        pool.add(own);
        Similarity.Rarity rarity = new Similarity.Rarity(pool);
        Map<UUID, Similarity.Score> scores = new HashMap<>();
        for (Candidate c : candidates) {
            Similarity.Score score = Similarity.of(own, texts.get(c.id()), new Similarity.Context(
                    Math.abs(Duration.between(at, c.receivedAt()).toMinutes()) / 60.0, metres(message, c),
                    java.util.Objects.equals(message.getTerritory(), c.territory())), rarity);
            if (score.proposed()) {
                scores.put(c.id(), score);
            }
        }
        List<UUID> likeliest = scores.entrySet().stream().sorted(Comparator.comparingDouble(e -> -e.getValue().value()))
                .map(Map.Entry::getKey).toList();
        List<Proposal> proposals = new ArrayList<>();
        // Only messages the actor may see: an executor sees the ones given to them, not the whole category.
        for (Message m : messages.all(likeliest)) {
            if (proposals.size() == PROPOSED) {
                break;
            }
            if (m.visibleTo(actor, config)) {
                Similarity.Score s = scores.get(m.getId());
                String stateName = config.stateName(m.getRegulation(), m.getState());
                proposals.add(new Proposal(m.getId(), m.getReceivedAt(), m.getChannel(), m.getText(), m.getTerritory(), m.getAddress(),
                        m.getState(), stateName, m.isFinal(), Math.round(s.value() * 1000) / 1000.0, s.reasons()));
            }
        }
        return new Proposals(message.getId(), message.getCategory(), Similarity.THRESHOLD, candidates.size(), proposals);
    }

    /** Metres between the two points on the Earth's surface, null where either has none. */
    private static Double metres(Message m, Candidate c) {
        if (m.getLatitude() == null || m.getLongitude() == null || c.latitude() == null || c.longitude() == null) {
            return null;
        }
        return Geo.metres(m.getLatitude(), m.getLongitude(), c.latitude(), c.longitude());
    }
}
