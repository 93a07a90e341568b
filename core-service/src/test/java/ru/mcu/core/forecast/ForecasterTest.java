package ru.mcu.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import ru.mcu.core.forecast.Forecasts.Week;
import ru.mcu.core.workingtime.ProductionCalendar;

/**
 * The forecast on generated series whose seasonality is known: weekdays, weekends and the federal
 * holidays each with their own mean, Poisson noise, a slow growth; what it must find is the mean the
 * series was drawn from, and it must beat the naive "as in the last seven days" on its backtest.
 */
class ForecasterTest {
    static final ProductionCalendar FEDERAL = ProductionCalendar.load("russia-federal");
    static final ToIntFunction<LocalDate> KIND = day -> DayKind.of(FEDERAL, day);

    /** The mean a day's count is drawn from: 60 on a working day (Monday 80), 15 on Saturday, 10 on Sunday and holidays, growing 10 % a year. */
    static double mean(LocalDate day, LocalDate start) {
        int kind = KIND.applyAsInt(day);
        double base = switch (kind) {
            case DayKind.MONDAY -> 80;
            case 5 -> 15;
            case DayKind.SUNDAY, DayKind.HOLIDAY -> 10;
            default -> 60;
        };
        return base * (1 + 0.1 * ChronoUnit.DAYS.between(start, day) / 365.0);
    }

    static double[] drawn(LocalDate start, LocalDate end, long seed) {
        return drawn(start, end, seed, day -> 1);
    }

    /** Drawn from {@link #mean} times a scale of the day (a municipality's size, a change in its volume). */
    static double[] drawn(LocalDate start, LocalDate end, long seed, java.util.function.ToDoubleFunction<LocalDate> scale) {
        Random random = new Random(seed);
        double[] counts = new double[(int) ChronoUnit.DAYS.between(start, end)];
        for (int t = 0; t < counts.length; t++) {
            LocalDate day = start.plusDays(t);
            counts[t] = poisson(random, mean(day, start) * scale.applyAsDouble(day));
        }
        return counts;
    }

    static int poisson(Random random, double mean) {
        // Knuth's method in steps of 30, so that exp(-mean) does not underflow.
        int n = 0;
        double remaining = mean;
        while (remaining > 0) {
            double step = Math.min(remaining, 30);
            remaining -= step;
            double limit = Math.exp(-step);
            double p = random.nextDouble();
            while (p > limit) {
                n++;
                p *= random.nextDouble();
            }
        }
        return n;
    }

    static double expectedWeek(Week week, LocalDate start) {
        double sum = 0;
        for (LocalDate d = week.from(); !d.isAfter(week.to()); d = d.plusDays(1)) {
            sum += mean(d, start);
        }
        return sum;
    }

    @Test
    void aNoiselessWeekIsForecastAsItIs() {
        LocalDate start = LocalDate.of(2026, 2, 2);
        LocalDate today = LocalDate.of(2026, 6, 15); // a Monday: four whole weeks ahead
        double[] counts = new double[(int) ChronoUnit.DAYS.between(start, today)];
        for (int t = 0; t < counts.length; t++) {
            LocalDate day = start.plusDays(t);
            counts[t] = switch (KIND.applyAsInt(day)) {
                case 5, DayKind.SUNDAY, DayKind.HOLIDAY -> 5;
                default -> 40;
            };
        }
        Forecaster.Result result = Forecaster.forecast(start, counts, today, 4, KIND);

        assertThat(result.enoughHistory()).isTrue();
        assertThat(result.weeks()).hasSize(4).allSatisfy(w -> assertThat(w.expected()).isCloseTo(210, within(3.0)));
        assertThat(result.backtest().origins()).isEqualTo(Forecaster.ORIGINS);
        // 12 June 2026 is a holiday: the backtest's weeks around it are the only ones not exactly of 210.
        assertThat(result.backtest().meanModelError()).isLessThan(0.02);
    }

    @Test
    void findsTheMeanADrawnSeriesCameFromAndBeatsTheNaiveForecast() {
        LocalDate start = LocalDate.of(2025, 1, 13);
        LocalDate today = LocalDate.of(2026, 10, 14); // a Wednesday: the current week is two days in
        double[] counts = drawn(start, today, 42);
        Forecaster.Result result = Forecaster.forecast(start, counts, today, 6, KIND);

        assertThat(result.weeks()).hasSize(6);
        Week current = result.weeks().getFirst();
        assertThat(current.from()).isEqualTo(LocalDate.of(2026, 10, 12));
        assertThat(current.receivedSoFar()).isEqualTo((long) (counts[counts.length - 2] + counts[counts.length - 1]));
        // 4 November is a holiday on a Wednesday: its week has one holiday and is forecast lower.
        Week withHoliday = result.weeks().get(3);
        assertThat(withHoliday.from()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(withHoliday.holidays()).isEqualTo(1);
        assertThat(withHoliday.expected()).isLessThan(result.weeks().get(2).expected() - 30);
        for (Week week : result.weeks()) {
            double truth = expectedWeek(week, start);
            assertThat(week.expected()).as("week of %s", week.from()).isCloseTo(truth, within(truth * 0.05));
            assertThat(week.low()).isLessThan(truth);
            assertThat(week.high()).isGreaterThan(truth);
        }
        assertThat(result.backtest().origins()).isEqualTo(Forecaster.ORIGINS);
        assertThat(result.backtest().modelError()).hasSize(6).allSatisfy(e -> assertThat(e).isLessThan(0.06));
        assertThat(result.backtest().meanModelError()).isLessThan(result.backtest().meanNaiveError());
    }

    @Test
    void theNewYearHolidaysAreForecastAsDaysOff() {
        LocalDate start = LocalDate.of(2024, 12, 2);
        LocalDate today = LocalDate.of(2026, 12, 28); // a Monday; 1–8 January 2027 are off
        double[] counts = drawn(start, today, 7);
        Forecaster.Result result = Forecaster.forecast(start, counts, today, 3, KIND);

        Week newYear = result.weeks().get(1);
        assertThat(newYear.from()).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(newYear.holidays()).isEqualTo(5);
        double truth = expectedWeek(newYear, start);
        assertThat(newYear.expected()).isCloseTo(truth, within(truth * 0.1));
        assertThat(newYear.expected()).isLessThan(result.weeks().get(2).expected() / 3);
    }

    @Test
    void fourWeeksOfHistoryAreTheLeastItForecastsFrom() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        Forecaster.Result tooShort = Forecaster.forecast(today.minusDays(27), new double[27], today, 4, KIND);
        assertThat(tooShort.enoughHistory()).isFalse();
        assertThat(tooShort.weeks()).isEmpty();
        assertThat(tooShort.recent()).hasSize(3);

        double[] counts = new double[28];
        java.util.Arrays.fill(counts, 3);
        Forecaster.Result justEnough = Forecaster.forecast(today.minusDays(28), counts, today, 4, KIND);
        assertThat(justEnough.enoughHistory()).isTrue();
        // No earlier date had four weeks behind it: the interval comes from the one-step errors, not a backtest.
        assertThat(justEnough.backtest().origins()).isZero();
        assertThat(justEnough.weeks()).hasSize(4).allSatisfy(w -> assertThat(w.low()).isLessThanOrEqualTo(w.expected()));
    }
}
