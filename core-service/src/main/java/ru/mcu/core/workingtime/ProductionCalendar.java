package ru.mcu.core.workingtime;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which days are worked: the federal production calendar (config-templates/calendars) with a
 * municipality's regional and municipal overrides on top. Days outside the calendar's years follow
 * the five-day week.
 */
public final class ProductionCalendar {
    /** How a day is worked. */
    public enum Day {
        WORKING, SHORTENED, OFF;

        /** A day's kind as templates and operators write it: non-working, working or shortened. */
        public static Day of(String kind) {
            return switch (kind) {
                case "non-working" -> OFF;
                case "shortened" -> SHORTENED;
                case "working" -> WORKING;
                default -> throw new IllegalArgumentException("unknown calendar day kind " + kind);
            };
        }
    }

    private final Map<LocalDate, Day> exceptions;
    private final int shortenedByMinutes;

    private ProductionCalendar(Map<LocalDate, Day> exceptions, int shortenedByMinutes) {
        this.exceptions = Map.copyOf(exceptions);
        this.shortenedByMinutes = shortenedByMinutes;
    }

    /** A calendar of config-templates/calendars by its code, e.g. russia-federal. */
    @SuppressWarnings("unchecked")
    public static ProductionCalendar load(String code) {
        String path = "config-templates/calendars/" + code + ".yaml";
        try (InputStream in = ProductionCalendar.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No calendar " + path);
            }
            Map<String, Object> data = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<LocalDate, Day> days = new HashMap<>();
            for (Object yearData : ((Map<Object, Object>) data.get("years")).values()) {
                Map<String, Object> year = (Map<String, Object>) yearData;
                each(year.get("nonWorking"), date -> days.put(date, Day.OFF));
                each(year.get("working"), date -> days.put(date, Day.WORKING));
                each(year.get("shortened"), date -> days.put(date, Day.SHORTENED));
            }
            return new ProductionCalendar(days, ((Number) data.getOrDefault("shortenedBy", 60)).intValue());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path, e);
        }
    }

    private static void each(Object dates, java.util.function.Consumer<LocalDate> action) {
        if (dates instanceof List<?> list) {
            list.forEach(date -> action.accept(LocalDate.parse(String.valueOf(date))));
        }
    }

    /** The same calendar with a region's or municipality's own days on top. */
    public ProductionCalendar with(Map<LocalDate, Day> overrides) {
        Map<LocalDate, Day> days = new HashMap<>(exceptions);
        days.putAll(overrides);
        return new ProductionCalendar(days, shortenedByMinutes);
    }

    public Day day(LocalDate date) {
        Day exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        DayOfWeek weekday = date.getDayOfWeek();
        return weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? Day.OFF : Day.WORKING;
    }

    public boolean isWorking(LocalDate date) {
        return day(date) != Day.OFF;
    }

    int shortenedByMinutes() {
        return shortenedByMinutes;
    }
}
