package ru.mcu.core.workingtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Due-date computations per second (JMH, one thread), against a naive minute-by-minute walk over
 * the same cases: arrivals spread over 2025–2026 in the five municipalities' time zones, 60 and 480
 * working minutes. Run by ./mcu bench; writes target/benchmarks/deadlines.md.
 */
@Tag("benchmark")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeadlineBenchmark {
    static final List<String> ZONES = List.of("Asia/Irkutsk", "Asia/Barnaul", "Asia/Novokuznetsk", "Europe/Moscow", "Asia/Yekaterinburg");
    static final int CASES = 1024;

    DeadlineCalculator[] calculators;
    ProductionCalendar calendar;
    Timetable timetable;
    Instant[] received;
    long[] minutes;
    ZoneId[] zones;
    int next;

    @Setup
    public void cases() {
        calendar = ProductionCalendar.load("russia-federal");
        timetable = Timetable.workingDays(List.of("08:00-12:00", "13:00-17:00"));
        Random random = new Random(42);
        calculators = new DeadlineCalculator[CASES];
        received = new Instant[CASES];
        minutes = new long[CASES];
        zones = new ZoneId[CASES];
        for (int i = 0; i < CASES; i++) {
            zones[i] = ZoneId.of(ZONES.get(i % ZONES.size()));
            calculators[i] = new DeadlineCalculator(calendar, timetable, zones[i]);
            LocalDateTime local = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(700)).atStartOfDay().plusMinutes(random.nextInt(24 * 60));
            received[i] = local.atZone(zones[i]).toInstant();
            minutes[i] = random.nextBoolean() ? 60 : 480;
        }
    }

    @Benchmark
    public Instant engine() {
        int i = next++ & (CASES - 1);
        return calculators[i].addWorkingMinutes(received[i], minutes[i]);
    }

    @Benchmark
    public Instant naiveMinuteWalk() {
        int i = next++ & (CASES - 1);
        return naive(calendar, timetable, zones[i], received[i], minutes[i]);
    }

    /** The obvious way: step one minute at a time and count the minutes that are working ones. */
    static Instant naive(ProductionCalendar calendar, Timetable timetable, ZoneId zone, Instant from, long minutes) {
        LocalDateTime t = LocalDateTime.ofInstant(from, zone).withSecond(0).withNano(0);
        long left = minutes;
        while (true) {
            int[] spans = timetable.on(t.toLocalDate(), calendar);
            int m = t.getHour() * 60 + t.getMinute();
            boolean working = false;
            for (int s = 0; s < spans.length; s += 2) {
                working |= m >= spans[s] && m < spans[s + 1];
            }
            if (working && --left == 0) {
                return t.plusMinutes(1).atZone(zone).toInstant();
            }
            t = t.plusMinutes(1);
        }
    }

    @Test
    void run() throws Exception {
        var results = new Runner(new OptionsBuilder().include(DeadlineBenchmark.class.getName()).build()).run();
        double engine = score(results, "engine");
        double naive = score(results, "naiveMinuteWalk");
        String report = String.format(Locale.ROOT, """
                Deadline benchmark, %s, %d cores, Java %s (JMH, 1 thread, 3×2 s warm-up, 5×2 s measured)

                | measure | value |
                | --- | --- |
                | engine: due dates per second | %.0f |
                | naive minute-by-minute walk: per second | %.0f |
                | ratio engine / naive | %.1f× |
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), engine, naive, engine / naive);
        Path out = Path.of("target", "benchmarks", "deadlines.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static double score(java.util.Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
