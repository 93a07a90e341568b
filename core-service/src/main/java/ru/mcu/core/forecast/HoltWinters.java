package ru.mcu.core.forecast;

/**
 * Additive Holt-Winters over daily counts with a damped trend and one seasonal index per kind of
 * day ({@link DayKind}): Monday to Sunday as worked normally, a holiday on a weekday and a working
 * weekend day each have their own, so a week with a holiday is not forecast as an ordinary one.
 * Additive because days off bring a handful of messages, where a multiplicative season is unstable.
 */
final class HoltWinters {
    /** The trend fades by this factor a day, so that a month ahead is not a straight line of last week's growth. */
    static final double DAMPING = 0.98;
    private static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5};
    private static final double[] BETAS = {0, 0.01, 0.05, 0.15};
    private static final double[] GAMMAS = {0.02, 0.05, 0.1, 0.2, 0.35};
    /** Days the model runs before its errors count in the fit: the seasons are still being learnt. */
    private static final int WARM_UP = 14;

    record Parameters(double alpha, double beta, double gamma) {
    }

    private final Parameters parameters;
    private double level;
    private double trend;
    private final double[] season = new double[DayKind.COUNT];
    private final boolean[] seen = new boolean[DayKind.COUNT];
    private double squaredErrors;
    private int counted;

    private HoltWinters(Parameters parameters) {
        this.parameters = parameters;
    }

    /** The model with the parameters of the grid whose one-step errors over the history are smallest. */
    static HoltWinters fit(double[] counts, int[] kinds) {
        HoltWinters best = null;
        for (double alpha : ALPHAS) {
            for (double beta : BETAS) {
                for (double gamma : GAMMAS) {
                    HoltWinters model = run(new Parameters(alpha, beta, gamma), counts, kinds);
                    if (best == null || model.squaredErrors < best.squaredErrors) {
                        best = model;
                    }
                }
            }
        }
        return best;
    }

    /** The model after the whole history with the given parameters. */
    static HoltWinters run(Parameters parameters, double[] counts, int[] kinds) {
        HoltWinters model = new HoltWinters(parameters);
        model.start(counts, kinds);
        for (int t = 0; t < counts.length; t++) {
            model.observe(counts[t], kinds[t], t >= WARM_UP);
        }
        return model;
    }

    /** The level is the first fortnight's mean; each kind's season its mean difference from it in the first four weeks. */
    private void start(double[] counts, int[] kinds) {
        int days = Math.min(counts.length, 14);
        for (int t = 0; t < days; t++) {
            level += counts[t] / days;
        }
        double[] sums = new double[DayKind.COUNT];
        int[] n = new int[DayKind.COUNT];
        for (int t = 0; t < Math.min(counts.length, 28); t++) {
            sums[kinds[t]] += counts[t] - level;
            n[kinds[t]]++;
        }
        for (int k = 0; k < DayKind.COUNT; k++) {
            if (n[k] > 0) {
                season[k] = sums[k] / n[k];
                seen[k] = true;
            }
        }
    }

    private void observe(double count, int kind, boolean counts) {
        double s = seasonOf(kind);
        double expected = level + DAMPING * trend + s;
        if (counts) {
            squaredErrors += (count - expected) * (count - expected);
            counted++;
        }
        double previous = level;
        level = parameters.alpha() * (count - s) + (1 - parameters.alpha()) * (level + DAMPING * trend);
        trend = parameters.beta() * (level - previous) + (1 - parameters.beta()) * DAMPING * trend;
        season[kind] = parameters.gamma() * (count - level) + (1 - parameters.gamma()) * s;
        seen[kind] = true;
    }

    /** A kind of day not seen yet borrows the season of its nearest kind: a holiday Sunday's, a working weekend day the weekdays' mean. */
    private double seasonOf(int kind) {
        if (seen[kind]) {
            return season[kind];
        }
        return switch (kind) {
            case DayKind.HOLIDAY -> seen[DayKind.SUNDAY] ? season[DayKind.SUNDAY] : 0;
            case DayKind.WORKING_WEEKEND -> {
                double sum = 0;
                int n = 0;
                for (int k = DayKind.MONDAY; k <= DayKind.FRIDAY; k++) {
                    if (seen[k]) {
                        sum += season[k];
                        n++;
                    }
                }
                yield n == 0 ? 0 : sum / n;
            }
            default -> 0;
        };
    }

    /** The expected count of each day ahead, never below zero. */
    double[] forecast(int[] kinds) {
        double[] expected = new double[kinds.length];
        double damped = 0;
        double factor = 1;
        for (int h = 0; h < kinds.length; h++) {
            factor *= DAMPING;
            damped += factor;
            expected[h] = Math.max(0, level + damped * trend + seasonOf(kinds[h]));
        }
        return expected;
    }

    /** The standard deviation of the one-step errors after the warm-up. */
    double oneStepDeviation() {
        return counted == 0 ? 0 : Math.sqrt(squaredErrors / counted);
    }

    Parameters parameters() {
        return parameters;
    }
}
