package ru.mcu.core.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import ru.mcu.core.forecast.Forecasts.Actual;
import ru.mcu.core.forecast.Forecasts.Backtest;
import ru.mcu.core.forecast.Forecasts.Week;

/**
 * One series' forecast by calendar week (Monday to Sunday, the current week first: what came in
 * since Monday plus what is expected until Sunday), its interval and its backtest: the same model
 * refitted at earlier Mondays-or-todays and compared with what came in, beside the naive forecast
 * "as many as in the last seven days".
 */
final class Forecaster {
    /** The shortest history a model is fitted on: four weeks, each kind of weekday seen four times. */
    static final int SHORTEST_HISTORY = 28;
    /** The model reads at most two years: older seasons say little of next month. */
    static final int LONGEST_HISTORY = 730;
    /** Backtest origins, a week apart. */
    static final int ORIGINS = 12;
    /** Backtest origins needed before the interval is taken from their errors. */
    static final int ORIGINS_FOR_INTERVAL = 4;
    /** The interval's half-width in standard deviations: 80 % of a normal error. */
    static final double Z_80 = 1.2816;
    static final int RECENT_WEEKS = 12;

    record Result(boolean enoughHistory, List<Actual> recent, List<Week> weeks, Backtest backtest) {
    }

    private Forecaster() {
    }

    /**
     * @param start  the first day of {@code counts}
     * @param counts messages received per day, from {@code start} to the day before {@code today}
     */
    static Result forecast(LocalDate start, double[] counts, LocalDate today, int weeks, ToIntFunction<LocalDate> kindOf) {
        LocalDate monday = today.with(DayOfWeek.MONDAY);
        List<Actual> recent = recent(start, counts, monday);
        int[] kinds = new int[counts.length];
        for (int t = 0; t < counts.length; t++) {
            kinds[t] = kindOf.applyAsInt(start.plusDays(t));
        }
        int now = (int) ChronoUnit.DAYS.between(start, today);
        if (now < SHORTEST_HISTORY) {
            return new Result(false, recent, List.of(), new Backtest(0, List.of(), List.of(), null, null));
        }
        int horizon = 7 * weeks - (int) ChronoUnit.DAYS.between(monday, today);
        int[] ahead = new int[horizon];
        for (int h = 0; h < horizon; h++) {
            ahead[h] = kindOf.applyAsInt(today.plusDays(h));
        }
        HoltWinters model = fitBefore(counts, kinds, now);
        double[] expected = weekly(counts, now, model.forecast(ahead), monday, today, weeks);

        // Backtest: the same forecast made at the same weekday 'weeks', 'weeks'+1… weeks ago.
        double[] absolute = new double[weeks];
        double[] naiveAbsolute = new double[weeks];
        double[] squared = new double[weeks];
        double[] actualSum = new double[weeks];
        int origins = 0;
        for (int j = weeks; j < weeks + ORIGINS; j++) {
            int origin = now - 7 * j;
            if (origin < SHORTEST_HISTORY) {
                break;
            }
            LocalDate originDay = start.plusDays(origin);
            LocalDate originMonday = originDay.with(DayOfWeek.MONDAY);
            int[] originAhead = java.util.Arrays.copyOfRange(kinds, origin, origin + horizon);
            double[] predicted = weekly(counts, origin, fitBefore(counts, kinds, origin).forecast(originAhead), originMonday, originDay, weeks);
            double[] naive = weekly(counts, origin, naive(counts, origin, horizon), originMonday, originDay, weeks);
            double[] actual = weekly(counts, origin, java.util.Arrays.copyOfRange(counts, origin, origin + horizon), originMonday, originDay, weeks);
            for (int w = 0; w < weeks; w++) {
                absolute[w] += Math.abs(actual[w] - predicted[w]);
                naiveAbsolute[w] += Math.abs(actual[w] - naive[w]);
                squared[w] += (actual[w] - predicted[w]) * (actual[w] - predicted[w]);
                actualSum[w] += actual[w];
            }
            origins++;
        }
        List<Double> modelError = new ArrayList<>();
        List<Double> naiveError = new ArrayList<>();
        double allAbsolute = 0;
        double allNaive = 0;
        double allActual = 0;
        for (int w = 0; w < weeks && origins > 0; w++) {
            modelError.add(share(absolute[w], actualSum[w]));
            naiveError.add(share(naiveAbsolute[w], actualSum[w]));
            allAbsolute += absolute[w];
            allNaive += naiveAbsolute[w];
            allActual += actualSum[w];
        }
        Backtest backtest = new Backtest(origins, modelError, naiveError, origins == 0 ? null : share(allAbsolute, allActual),
                origins == 0 ? null : share(allNaive, allActual));

        List<Week> result = new ArrayList<>();
        int daysAhead = 0;
        for (int w = 0; w < weeks; w++) {
            LocalDate from = monday.plusWeeks(w);
            LocalDate to = from.plusDays(6);
            long received = 0;
            int holidays = 0;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (d.isBefore(today)) {
                    received += (long) counts[(int) ChronoUnit.DAYS.between(start, d)];
                } else {
                    daysAhead++;
                }
                if (kindOf.applyAsInt(d) == DayKind.HOLIDAY) {
                    holidays++;
                }
            }
            // The spread of this week's backtest errors where there are enough; else one-step errors summed over the days ahead.
            double deviation = origins >= ORIGINS_FOR_INTERVAL ? Math.sqrt(squared[w] / origins) : model.oneStepDeviation() * Math.sqrt(daysAhead);
            result.add(new Week(from, to, received, round(expected[w]), round(Math.max(received, expected[w] - Z_80 * deviation)),
                    round(expected[w] + Z_80 * deviation), holidays));
        }
        return new Result(true, recent, result, backtest);
    }

    /** The model fitted on the history before day {@code end} (at most {@link #LONGEST_HISTORY} days of it). */
    private static HoltWinters fitBefore(double[] counts, int[] kinds, int end) {
        int from = Math.max(0, end - LONGEST_HISTORY);
        return HoltWinters.fit(java.util.Arrays.copyOfRange(counts, from, end), java.util.Arrays.copyOfRange(kinds, from, end));
    }

    /** Each day ahead as the same weekday of the last seven days. */
    private static double[] naive(double[] counts, int origin, int horizon) {
        double[] naive = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            naive[h] = counts[origin - 7 + h % 7];
        }
        return naive;
    }

    /** Weekly totals from the Monday of the origin's week: the days before the origin as they came in, then {@code ahead}. */
    private static double[] weekly(double[] counts, int origin, double[] ahead, LocalDate monday, LocalDate originDay, int weeks) {
        double[] totals = new double[weeks];
        int known = (int) ChronoUnit.DAYS.between(monday, originDay);
        for (int d = 0; d < known; d++) {
            int t = origin - known + d;
            totals[0] += t >= 0 ? counts[t] : 0;
        }
        for (int h = 0; h < ahead.length; h++) {
            totals[(known + h) / 7] += ahead[h];
        }
        return totals;
    }

    /** The (at most twelve) whole weeks of history before the current one, as they came in. */
    private static List<Actual> recent(LocalDate start, double[] counts, LocalDate monday) {
        List<Actual> recent = new ArrayList<>();
        for (int w = RECENT_WEEKS; w >= 1; w--) {
            LocalDate from = monday.minusWeeks(w);
            if (from.isBefore(start)) {
                continue; // a week the history begins within would look like a quiet one
            }
            long received = 0;
            for (int d = 0; d < 7; d++) {
                int t = (int) ChronoUnit.DAYS.between(start, from.plusDays(d));
                if (t >= 0 && t < counts.length) {
                    received += (long) counts[t];
                }
            }
            recent.add(new Actual(from, received));
        }
        return recent;
    }

    private static Double share(double part, double whole) {
        return whole == 0 ? null : Math.round(part / whole * 1000) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
