package ru.mcu.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The forecast's backtest error and its cost on two years of drawn daily counts (ForecasterTest's
 * series: weekdays, weekends and the federal holidays with their own means, Poisson noise, 10 % a
 * year of growth) for municipalities from a few messages a day to hundreds, steady and after a jump
 * in volume eight weeks before the forecast; the naive forecast "as in the last seven days" is the
 * baseline, measured in the same run on the same origins. Written to target/benchmarks/forecast.md.
 */
@Tag("benchmark")
class ForecastBenchmark {
    static final LocalDate START = LocalDate.of(2024, 12, 2);
    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    static final int WEEKS = 4;
    static final int TIMED = 20;

    record Shape(String name, ToDoubleFunction<LocalDate> scale) {
    }

    @Test
    void backtestErrorAndCostByVolume() throws Exception {
        Shape steady = new Shape("steady", day -> 1);
        Shape jump = new Shape("+40 % eight weeks ago", day -> day.isBefore(TODAY.minusWeeks(8)) ? 1 : 1.4);
        StringBuilder out = new StringBuilder("""
                | working-day mean | shape | model error, weeks 1–4 ahead | model, mean | naive, mean | model / naive | one series, ms |
                | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (double size : new double[] {0.05, 0.25, 1, 5}) {
            for (Shape shape : new Shape[] {steady, jump}) {
                double[] counts = ForecasterTest.drawn(START, TODAY, 11, day -> size * shape.scale().applyAsDouble(day));
                Forecaster.Result result = null;
                for (int i = 0; i < 5; i++) {
                    result = Forecaster.forecast(START, counts, TODAY, WEEKS, ForecasterTest.KIND);
                }
                long[] nanos = new long[TIMED];
                for (int i = 0; i < TIMED; i++) {
                    long t = System.nanoTime();
                    Forecaster.forecast(START, counts, TODAY, WEEKS, ForecasterTest.KIND);
                    nanos[i] = System.nanoTime() - t;
                }
                java.util.Arrays.sort(nanos);
                Forecasts.Backtest b = result.backtest();
                assertThat(b.origins()).isEqualTo(Forecaster.ORIGINS);
                out.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %.1f %% | %.1f %% | %.2f | %.1f |%n", 60 * size, shape.name(),
                        String.join(" / ", b.modelError().stream().map(e -> String.format(Locale.ROOT, "%.1f %%", e * 100)).toList()),
                        b.meanModelError() * 100, b.meanNaiveError() * 100, b.meanModelError() / b.meanNaiveError(), nanos[TIMED / 2] / 1e6));
            }
        }
        Path file = Path.of("target", "benchmarks", "forecast.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println(out);
    }
}
