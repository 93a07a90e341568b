package ru.mcu.core.duplicate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How likely two messages of one category are about the same problem at the same place: a logistic
 * model over what the texts share (words weighted by their rarity, letters, numbers, names of places)
 * and what the pair's facts say (metres and hours apart, the territories). Its weights were fitted on
 * the odd pairs of the labelled set (core-service/src/test/resources/duplicates/pairs.jsonl) by
 * {@code LogisticFit}, and are measured on the even ones (docs/duplicates.md).
 */
final class Similarity {
    /** From this likelihood on, a pair is proposed as duplicates: the best F1 on the odd pairs (a missed duplicate costs double work, a wrong proposal a glance). */
    static final double THRESHOLD = 0.4;
    /** The fitted weights, in the order of {@link #features}; the last is the intercept. */
    static final double[] WEIGHTS = {-0.34, 3.57, 1.22, 0.36, -1.02, 0.6, -2.62, 1.69, -1.94, 1.38, 1.41, 1.4, -1.66, 0.84, -2.59};
    static final List<String> FEATURES = List.of("words", "letters", "rare words shared", "names shared", "names differ", "numbers shared",
            "numbers differ", "within 200 m", "over 1 km", "no coordinates", "days apart beyond 3", "territories differ",
            "problem words shared", "same place and problem words shared");

    /** What one pair's score is made of, for the person who decides. */
    record Score(double value, double text, List<String> reasons) {
        boolean proposed() {
            return value >= THRESHOLD;
        }
    }

    /** The facts of a pair beside the texts: hours between them, metres between their points (null: one has none), the same territory. */
    record Context(double hoursApart, Double metresApart, boolean sameTerritory) {
    }

    /** How rare each stem is among the messages compared (a smoothed inverse document frequency). */
    static final class Rarity {
        private final Map<String, Integer> documents = new HashMap<>();
        private int count;

        Rarity(Collection<RussianText> texts) {
            texts.forEach(t -> {
                count++;
                t.stems().keySet().forEach(s -> documents.merge(s, 1, Integer::sum));
            });
        }

        double of(String stem) {
            return Math.log(1 + (count + 1.0) / (documents.getOrDefault(stem, 0) + 0.5));
        }
    }

    private Similarity() {
    }

    /** The pair's features, each between 0 and 1, in the order of {@link #FEATURES}. */
    static double[] features(RussianText a, RussianText b, Context context, Rarity rarity) {
        double words = cosine(a.stems(), b.stems(), rarity);
        double letters = dice(a.trigrams().size(), b.trigrams().size(), intersection(a.trigrams(), b.trigrams()));
        double rare = overlap(a.stems().keySet(), b.stems().keySet(), rarity);
        int names = intersection(a.names(), b.names());
        boolean bothNamed = !a.names().isEmpty() && !b.names().isEmpty();
        int numbers = intersection(a.numbers(), b.numbers());
        boolean bothNumbered = !a.numbers().isEmpty() && !b.numbers().isEmpty();
        Double m = context.metresApart();
        // What the problem is: the shared rare words but the places' names.
        double problem = overlap(without(a.stems().keySet(), a.names()), without(b.stems().keySet(), b.names()), rarity);
        boolean samePlace = names > 0 || numbers > 0 || m != null && m <= 200;
        return new double[] {words, letters, rare, Math.min(names, 2) / 2.0, bothNamed && names == 0 ? 1 : 0, numbers > 0 ? 1 : 0,
                bothNumbered && numbers == 0 ? 1 : 0, m != null && m <= 200 ? 1 : 0, m != null && m > 1000 ? 1 : 0, m == null ? 1 : 0,
                Math.clamp((context.hoursApart() - 72) / 168, 0, 1), context.sameTerritory() ? 0 : 1, problem, samePlace ? problem : 0};
    }

    static double likelihood(double[] features, double[] weights) {
        double z = weights[weights.length - 1];
        for (int i = 0; i < features.length; i++) {
            z += weights[i] * features[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    static Score of(RussianText a, RussianText b, Context context, Rarity rarity) {
        double[] f = features(a, b, context, rarity);
        double text = 0.6 * f[0] + 0.4 * f[1];
        List<String> reasons = new ArrayList<>();
        reasons.add(String.format(java.util.Locale.ROOT, "тексты похожи на %d %%", Math.round(text * 100)));
        if (f[3] > 0) {
            reasons.add("те же названия: " + String.join(", ", common(a.names(), b.names())));
        } else if (f[4] > 0) {
            reasons.add("разные названия мест");
        }
        if (f[5] > 0) {
            reasons.add("те же номера: " + String.join(", ", common(a.numbers(), b.numbers())));
        } else if (f[6] > 0) {
            reasons.add("разные номера: " + String.join(", ", a.numbers()) + " и " + String.join(", ", b.numbers()));
        }
        if (context.metresApart() != null) {
            double m = context.metresApart();
            reasons.add(m < 1000 ? "в " + Math.round(m) + " м друг от друга" : "в " + Math.round(m / 100) / 10.0 + " км друг от друга");
        }
        if (context.hoursApart() > 72) {
            reasons.add("с разницей в " + Math.round(context.hoursApart() / 24) + " дн.");
        }
        if (!context.sameTerritory()) {
            reasons.add("разные территории");
        }
        return new Score(likelihood(f, WEIGHTS), text, reasons);
    }

    private static List<String> common(Set<String> a, Set<String> b) {
        return a.stream().filter(b::contains).sorted().toList();
    }

    /** The rarity-weighted share of the smaller side's stems the other side has too. */
    private static double overlap(Set<String> a, Set<String> b, Rarity rarity) {
        double shared = 0;
        double weightA = 0;
        double weightB = 0;
        for (String s : a) {
            weightA += rarity.of(s);
            if (b.contains(s)) {
                shared += rarity.of(s);
            }
        }
        for (String s : b) {
            weightB += rarity.of(s);
        }
        return Math.min(weightA, weightB) == 0 ? 0 : shared / Math.min(weightA, weightB);
    }

    private static Set<String> without(Set<String> stems, Set<String> names) {
        Set<String> left = new java.util.HashSet<>(stems);
        left.removeAll(names);
        return left;
    }

    private static double cosine(Map<String, Integer> a, Map<String, Integer> b, Rarity rarity) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (var e : a.entrySet()) {
            double w = e.getValue() * rarity.of(e.getKey());
            na += w * w;
            Integer other = b.get(e.getKey());
            if (other != null) {
                dot += w * other * rarity.of(e.getKey());
            }
        }
        for (var e : b.entrySet()) {
            double w = e.getValue() * rarity.of(e.getKey());
            nb += w * w;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static double dice(int a, int b, int both) {
        return a + b == 0 ? 0 : 2.0 * both / (a + b);
    }

    private static <T> int intersection(Set<T> a, Set<T> b) {
        Set<T> small = a.size() <= b.size() ? a : b;
        Set<T> large = small == a ? b : a;
        int n = 0;
        for (T t : small) {
            if (large.contains(t)) {
                n++;
            }
        }
        return n;
    }
}
