package ru.mcu.core.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.tenant.Names;
import ru.mcu.core.deadline.WorkingCalendars;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.workingtime.ProductionCalendar;

/**
 * The expected number of messages for the coming weeks, for the whole municipality, each channel and
 * its largest categories, read from the per-message facts (counts only, no text, no personal data).
 * The model and its backtest are in docs/forecast.md.
 */
@Service
public class Forecasts {
    /** Categories forecast one by one; the rest together. */
    static final int CATEGORIES = 8;
    static final String OTHER = "*";

    /** A week as it came in. */
    public record Actual(LocalDate from, long received) {
    }

    /**
     * A week ahead (Monday to Sunday; the current one holds what came in since Monday): the expected
     * total, its 80 % interval, and the holidays on its weekdays.
     */
    public record Week(LocalDate from, LocalDate to, long receivedSoFar, double expected, double low, double high, int holidays) {
    }

    /**
     * The forecast made at earlier dates and compared with what came in: the weighted absolute error
     * (the sum of |actual − forecast| over the sum of actual) for each week ahead, the model's and the
     * naive "as in the last seven days" one's; null where nothing came in.
     */
    public record Backtest(int origins, List<Double> modelError, List<Double> naiveError, Double meanModelError, Double meanNaiveError) {
    }

    public record Series(String code, String name, boolean enoughHistory, List<Actual> recent, List<Week> weeks, Backtest backtest) {
    }

    public record Forecast(String timeZone, LocalDate today, LocalDate historyFrom, int weeks, double coverage, Series total,
                           List<Series> byChannel, List<Series> byCategory) {
    }

    /** One series' forecast from its daily counts (from the history's first day). */
    private interface Maker {
        Series of(String code, String name, double[] counts);
    }

    private final JdbcTemplate jdbc;
    private final WorkingCalendars calendars;

    Forecasts(JdbcTemplate jdbc, WorkingCalendars calendars) {
        this.jdbc = jdbc;
        this.calendars = calendars;
    }

    /** The bound municipality's forecast for {@code weeks} weeks, the current one first. */
    @Transactional(readOnly = true)
    public Forecast of(TenantConfiguration config, int weeks, Instant now) {
        LocalDate today = now.atZone(config.zone()).toLocalDate();
        LocalDate first = today.minusDays(Forecaster.LONGEST_HISTORY + 7L * (weeks + Forecaster.ORIGINS));
        Map<String, double[]> channels = new HashMap<>();
        Map<String, double[]> categories = new HashMap<>();
        double[] total = new double[(int) ChronoUnit.DAYS.between(first, today)];
        int[] earliest = {total.length};
        jdbc.query("""
                select grouping(channel) as by_category, received_day, channel, category, count(*) as n from message_facts
                where received_day >= ? and received_day < ? group by grouping sets ((received_day, channel), (received_day, category))""", rs -> {
            int day = (int) ChronoUnit.DAYS.between(first, rs.getObject("received_day", LocalDate.class));
            long n = rs.getLong("n");
            if (rs.getInt("by_category") == 1) {
                categories.computeIfAbsent(rs.getString("category"), k -> new double[total.length])[day] += n;
            } else {
                channels.computeIfAbsent(rs.getString("channel"), k -> new double[total.length])[day] += n;
                total[day] += n;
                earliest[0] = Math.min(earliest[0], day);
            }
        }, first, today);
        // The history starts with the municipality's first message: the days before it are not days without any.
        int from = earliest[0] == total.length ? total.length : earliest[0];
        LocalDate start = first.plusDays(from);
        ProductionCalendar calendar = calendars.calendar(config);
        Maker make = (code, name, counts) -> {
            Forecaster.Result r = Forecaster.forecast(start, java.util.Arrays.copyOfRange(counts, from, counts.length), today, weeks,
                    day -> DayKind.of(calendar, day));
            return new Series(code, name, r.enoughHistory(), r.recent(), r.weeks(), r.backtest());
        };
        Map<String, String> channelNames = Names.channels(config);
        List<Series> byChannel = channels.entrySet().stream().sorted(byVolume())
                .map(e -> make.of(e.getKey(), channelNames.getOrDefault(e.getKey(), e.getKey()), e.getValue())).toList();
        Map<String, String> categoryNames = Names.categories(config);
        List<Map.Entry<String, double[]>> largest = categories.entrySet().stream().sorted(byVolume()).toList();
        List<Series> byCategory = new ArrayList<>();
        double[] rest = new double[total.length];
        for (int i = 0; i < largest.size(); i++) {
            Map.Entry<String, double[]> e = largest.get(i);
            if (i < CATEGORIES || largest.size() == CATEGORIES + 1) {
                String name = e.getKey().isEmpty() ? "Без категории" : categoryNames.getOrDefault(e.getKey(), e.getKey());
                byCategory.add(make.of(e.getKey(), name, e.getValue()));
            } else {
                for (int d = 0; d < rest.length; d++) {
                    rest[d] += e.getValue()[d];
                }
            }
        }
        if (largest.size() > CATEGORIES + 1) {
            byCategory.add(make.of(OTHER, "Остальные категории", rest));
        }
        return new Forecast(config.zone().getId(), today, from == total.length ? null : start, weeks, 0.8,
                make.of("", "Все каналы", total), byChannel, byCategory);
    }

    /** Most messages in the last eight weeks first, then by code. */
    private static Comparator<Map.Entry<String, double[]>> byVolume() {
        return Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> {
            double[] counts = e.getValue();
            double sum = 0;
            for (int d = Math.max(0, counts.length - 56); d < counts.length; d++) {
                sum += counts[d];
            }
            return -sum;
        }).thenComparing(Map.Entry::getKey);
    }
}
