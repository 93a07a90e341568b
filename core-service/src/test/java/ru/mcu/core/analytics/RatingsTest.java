package ru.mcu.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.mcu.core.tenant.TenantConfiguration;

/** The rating's arithmetic on figures worked out by hand (docs/analytics.md, «Ratings»). */
class RatingsTest {
    static final TenantConfiguration.Criterion VOLUME = new TenantConfiguration.Criterion("volume", "количество", null);
    static final TenantConfiguration.Criterion TIMELINESS = new TenantConfiguration.Criterion("timeliness", "сроки", null);
    static final TenantConfiguration.Criterion SPEED = new TenantConfiguration.Criterion("speed", "скорость", null);

    /** code, received, answered of those, answered in the period, on time, late, answer minutes, resolved, explained. */
    static Ratings.Figures subject(String code, long received, long onTime, long late, long answerMinutes) {
        return new Ratings.Figures(code, received, received, onTime + late, onTime, late, answerMinutes, 0, 0);
    }

    static List<Ratings.Place> rank(List<TenantConfiguration.Criterion> criteria, Integer minimum, Ratings.Figures... subjects) {
        var rule = new TenantConfiguration.Rating("r", "Рейтинг", "recipient", List.of(), criteria, minimum, null);
        return Ratings.rank(Ratings.criteria(rule), minimum, List.of(subjects), Map.of("a", "А", "b", "Б", "c", "В"));
    }

    /**
     * a: 10 received, 9 of 10 on time, 2 h mean; b: 20, 5 of 10, 4 h; c: 30, 10 of 10, 6 h.
     * Volume (fewer is better): a 1, b 0.5, c 0. Timeliness: a 0.8, b 0, c 1 (0.9, 0.5, 1.0 scaled).
     * Speed (faster is better): a 1, b 0.5, c 0. Equal weights: a 2.8/3 = 0.933, b 1/3 = 0.333, c 1/3 = 0.333.
     */
    @Test
    void criteriaWithoutWeightsCountEquallyAndEqualScoresSharePlace() {
        var places = rank(List.of(VOLUME, TIMELINESS, SPEED), null,
                subject("a", 10, 9, 1, 10 * 120), subject("b", 20, 5, 5, 10 * 240), subject("c", 30, 10, 0, 10 * 360));
        assertThat(places).extracting(Ratings.Place::code).containsExactly("a", "b", "c");
        assertThat(places).extracting(Ratings.Place::score).containsExactly(0.933, 0.333, 0.333);
        assertThat(places).extracting(Ratings.Place::place).containsExactly(1, 2, 2);
        assertThat(places.getFirst().figures()).containsEntry("timeliness", 0.9).containsEntry("speed", 2.0).containsEntry("volume", 10.0);
    }

    /** The same with weights 0.2, 0.6, 0.2: a 0.2·1 + 0.6·0.8 + 0.2·1 = 0.88; b 0.2·0.5 + 0 + 0.2·0.5 = 0.2; c 0 + 0.6 + 0 = 0.6. */
    @Test
    void weightsGivenByTheTemplateWeighTheCriteria() {
        var places = rank(List.of(new TenantConfiguration.Criterion("volume", "количество", 0.2),
                        new TenantConfiguration.Criterion("timeliness", "сроки", 0.6), new TenantConfiguration.Criterion("speed", "скорость", 0.2)), null,
                subject("a", 10, 9, 1, 10 * 120), subject("b", 20, 5, 5, 10 * 240), subject("c", 30, 10, 0, 10 * 360));
        assertThat(places).extracting(Ratings.Place::code).containsExactly("a", "c", "b");
        assertThat(places).extracting(Ratings.Place::score).containsExactly(0.88, 0.6, 0.2);
    }

    /** With a minimum of 15 messages, a (10) is listed with its figures but not ranked, and b and c are scaled between themselves. */
    @Test
    void aSubjectBelowTheMinimumVolumeIsShownButNotRanked() {
        var places = rank(List.of(VOLUME, TIMELINESS), 15,
                subject("a", 10, 9, 1, 0), subject("b", 20, 5, 5, 0), subject("c", 30, 10, 0, 0));
        assertThat(places).extracting(Ratings.Place::code).containsExactly("b", "c", "a");
        // b: volume 1, timeliness 0 → 0.5; c: volume 0, timeliness 1 → 0.5: a shared first place.
        assertThat(places).extracting(Ratings.Place::place).containsExactly(1, 1, null);
        assertThat(places.get(2).ranked()).isFalse();
        assertThat(places.get(2).figures()).containsEntry("timeliness", 0.9);
    }

    /** A subject with no answer yet has no timeliness: it counts as the worst on that criterion, not as missing from the rating. */
    @Test
    void noFigureCountsAsTheWorst() {
        var places = rank(List.of(TIMELINESS), null, subject("a", 5, 0, 0, 0), subject("b", 5, 1, 1, 0));
        assertThat(places).extracting(Ratings.Place::code).containsExactly("b", "a");
        assertThat(places).extracting(Ratings.Place::score).containsExactly(1.0, 0.0);
        assertThat(places.get(1).figures()).containsEntry("timeliness", null);
    }
}
