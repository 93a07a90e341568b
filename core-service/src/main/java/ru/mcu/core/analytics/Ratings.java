package ru.mcu.core.analytics;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.tenant.Names;
import ru.mcu.core.tenant.TenantConfiguration;

/**
 * The template's ratings over a period: each subject (a responsible recipient, or a block) gets, per
 * criterion, a figure; the figures are scaled across the ranked subjects from the worst (0) to the
 * best (1), and the score is their weighted mean (equal weights where the template gives none).
 * A subject with fewer messages than the rule's minimum volume is listed with its figures but not
 * ranked. Which figure a criterion is, is the platform's vocabulary ({@link Measure}); docs/analytics.md.
 */
@Service
public class Ratings {
    /** What a criterion's code measures. Volume counts what came in: fewer problems rank higher. */
    enum Measure {
        VOLUME("received", true), TIMELINESS("onTimeShare", false), SPEED("meanAnswerHours", true), COMPLETENESS("answeredShare", false),
        QUALITY("resolvedShare", false);

        final String figure;
        final boolean lowerIsBetter;

        Measure(String figure, boolean lowerIsBetter) {
            this.figure = figure;
            this.lowerIsBetter = lowerIsBetter;
        }

        static Measure of(String criterion) {
            return switch (criterion) {
                case "volume", "count" -> VOLUME;
                case "timeliness" -> TIMELINESS;
                case "speed" -> SPEED;
                case "completeness" -> COMPLETENESS;
                case "quality" -> QUALITY;
                default -> null;
            };
        }
    }

    public record Criterion(String code, String name, double weight, String figure, Boolean lowerIsBetter) {
    }

    /** One subject's figures in the period. */
    public record Figures(String code, long received, long answeredOfReceived, long answered, long onTime, long late, long answerMinutes,
                          long resolved, long explained) {
        Double figure(String name) {
            return switch (name) {
                case "received" -> (double) received;
                case "onTimeShare" -> onTime + late == 0 ? null : onTime / (double) (onTime + late);
                case "meanAnswerHours" -> answered == 0 ? null : answerMinutes / 60.0 / answered;
                case "answeredShare" -> received == 0 ? null : answeredOfReceived / (double) received;
                case "resolvedShare" -> resolved + explained == 0 ? null : resolved / (double) (resolved + explained);
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    public record Place(Integer place, String code, String name, Double score, Map<String, Double> figures, long received, boolean ranked) {
    }

    public record Rating(String code, String name, String subject, List<String> channels, List<Criterion> criteria, Integer minimumVolume,
                         String period, String notComputed, List<Place> places) {
    }

    private final JdbcTemplate jdbc;

    Ratings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Rating> of(TenantConfiguration config, LocalDate from, LocalDate to) {
        List<Rating> ratings = new ArrayList<>();
        for (TenantConfiguration.Rating rule : config.ratings()) {
            List<Criterion> criteria = criteria(rule);
            String dimension = switch (rule.subject()) {
                case "recipient" -> "recipient";
                case "block" -> "block";
                default -> null;
            };
            String notComputed = dimension == null ? "Платформа пока не ведёт данных для оценки «" + rule.subject() + "»"
                    : criteria.stream().anyMatch(c -> c.figure() == null)
                    ? "Критерий «" + criteria.stream().filter(c -> c.figure() == null).findFirst().orElseThrow().name() + "» платформа не вычисляет"
                    : null;
            List<Place> places = notComputed == null
                    ? rank(criteria, rule.minimumVolume(), figures(dimension, rule.channels(), from, to), "block".equals(dimension) ? Names.blocks(config) : Names.recipients(config))
                    : List.of();
            ratings.add(new Rating(rule.code(), rule.name(), rule.subject(), rule.channels(), criteria, rule.minimumVolume(), rule.period(),
                    notComputed, places));
        }
        return ratings;
    }

    static List<Criterion> criteria(TenantConfiguration.Rating rule) {
        boolean weighted = rule.criteria().stream().anyMatch(c -> c.weight() != null);
        return rule.criteria().stream().map(c -> {
            Measure measure = Measure.of(c.code());
            double weight = weighted ? Objects.requireNonNullElse(c.weight(), 0.0) : 1.0;
            return new Criterion(c.code(), c.name(), weight, measure == null ? null : measure.figure, measure == null ? null : measure.lowerIsBetter);
        }).toList();
    }

    /**
     * Places the subjects: those with at least the minimum volume are scaled and ranked (equal scores
     * share a place), the rest follow, unranked, by code.
     */
    static List<Place> rank(List<Criterion> criteria, Integer minimumVolume, List<Figures> subjects, Map<String, String> names) {
        int minimum = minimumVolume == null ? 0 : minimumVolume;
        List<Figures> ranked = subjects.stream().filter(s -> s.received() >= minimum && s.received() > 0).toList();
        Map<String, Double> scores = new HashMap<>();
        double weights = criteria.stream().mapToDouble(Criterion::weight).sum();
        Map<String, double[]> ranges = new HashMap<>();
        for (Criterion c : criteria) {
            var values = ranked.stream().map(s -> s.figure(c.figure())).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
            ranges.put(c.code(), new double[] {java.util.Arrays.stream(values).min().orElse(0), java.util.Arrays.stream(values).max().orElse(0)});
        }
        for (Figures subject : ranked) {
            double sum = 0;
            for (Criterion c : criteria) {
                sum += c.weight() * scaled(c, subject.figure(c.figure()), ranges.get(c.code()));
            }
            scores.put(subject.code(), weights == 0 ? 0 : Math.round(sum / weights * 1000) / 1000.0);
        }
        List<Figures> order = new ArrayList<>(ranked);
        order.sort(Comparator.<Figures>comparingDouble(s -> -scores.get(s.code())).thenComparing(Figures::code));
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Figures s = order.get(i);
            int place = i > 0 && scores.get(s.code()).equals(scores.get(order.get(i - 1).code())) ? places.get(i - 1).place() : i + 1;
            places.add(new Place(place, s.code(), names.getOrDefault(s.code(), s.code()), scores.get(s.code()), figures(criteria, s), s.received(), true));
        }
        subjects.stream().filter(s -> !ranked.contains(s)).sorted(Comparator.comparing(Figures::code)).forEach(s -> places.add(
                new Place(null, s.code(), names.getOrDefault(s.code(), s.code()), null, figures(criteria, s), s.received(), false)));
        return places;
    }

    /** The subject's figure on the criterion, from the worst of the ranked (0) to the best (1); no figure counts as the worst. */
    private static double scaled(Criterion c, Double value, double[] range) {
        if (value == null) {
            return 0;
        }
        double min = range[0];
        double max = range[1];
        if (max == min) {
            return 1;
        }
        double share = (value - min) / (max - min);
        return c.lowerIsBetter() ? 1 - share : share;
    }

    private static Map<String, Double> figures(List<Criterion> criteria, Figures s) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            Double v = s.figure(c.figure());
            figures.put(c.code(), v == null ? null : Math.round(v * 1000) / 1000.0);
        }
        return figures;
    }

    /** The dimension is "recipient" or "block", chosen above, never by the caller. */
    /**
     * Each subject's figures from the rollups (whole months from the monthly rows, the edges from the
     * daily): received and, of those, answered whenever (the received day's rows), and the answers given
     * in the period with their verdicts (the answer day's rows). The dimension is a column this class
     * chooses, never the caller.
     */
    private List<Figures> figures(String dimension, List<String> channels, LocalDate from, LocalDate to) {
        Span span = new Span(from, to);
        String only = channels.isEmpty() ? "" : " and channel = any(?)";
        Object[] args = channels.isEmpty() ? span.args() : span.args((Object) channels.toArray(String[]::new));
        List<Figures> all = new ArrayList<>();
        jdbc.query("select " + dimension + " as code, sum(received) as received, sum(answered_of_received) as answered_of_received, "
                + "sum(answered) as answered, sum(answered_on_time) as on_time, sum(answered_late) as late, sum(answer_minutes) as minutes, "
                + "sum(resolved) as resolved, sum(explained) as explained from "
                + span.rows(dimension + ", channel, received, answered_of_received, answered, answered_on_time, answered_late, answer_minutes, resolved, "
                + "explained", "analytics_monthly", "analytics_daily", "day") + " d where " + dimension + " <> ''" + only
                + " group by " + dimension + " order by " + dimension, rs -> {
            all.add(new Figures(rs.getString("code"), rs.getLong("received"), rs.getLong("answered_of_received"), rs.getLong("answered"),
                    rs.getLong("on_time"), rs.getLong("late"), rs.getLong("minutes"), rs.getLong("resolved"), rs.getLong("explained")));
        }, args);
        return all.stream().filter(f -> f.received() + f.answered() > 0).toList();
    }
}
