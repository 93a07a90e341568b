package ru.mcu.core.workingtime;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A channel's weekly timetable: working intervals per weekday (several a day allowed), in minutes
 * of the day. A timetable that follows the production calendar closes on days off and ends a
 * shortened day an hour early; an every-day one (the governor's pages) ignores it.
 */
public final class Timetable {
    private final int[][] intervals = new int[8][]; // DayOfWeek 1..7 → [start, end, start, end…]
    private final boolean followsCalendar;

    private Timetable(Map<DayOfWeek, List<String>> week, boolean followsCalendar) {
        for (DayOfWeek day : DayOfWeek.values()) {
            List<String> spans = week.getOrDefault(day, List.of());
            int[] minutes = new int[spans.size() * 2];
            for (int i = 0; i < spans.size(); i++) {
                String[] ends = spans.get(i).split("-");
                minutes[2 * i] = minutes(ends[0]);
                minutes[2 * i + 1] = minutes(ends[1]);
            }
            intervals[day.getValue()] = minutes;
        }
        this.followsCalendar = followsCalendar;
    }

    /** Working days of the production calendar, the same intervals each (the template's {@code days: working-days}). */
    public static Timetable workingDays(List<String> intervals) {
        Map<DayOfWeek, List<String>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, intervals); // a working Saturday uses them too
        }
        return new Timetable(week, true);
    }

    /** Every day, holidays included ({@code days: every-day}). */
    public static Timetable everyDay(List<String> intervals) {
        Map<DayOfWeek, List<String>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, intervals);
        }
        return new Timetable(week, false);
    }

    /** Per weekday ({@code weekly:}), following the production calendar for holidays. */
    public static Timetable weekly(Map<DayOfWeek, List<String>> week) {
        return new Timetable(week, true);
    }

    /** The day's intervals on this calendar: none on a day off, the last one shorter on a shortened day. */
    int[] on(LocalDate date, ProductionCalendar calendar) {
        int[] week = intervals[date.getDayOfWeek().getValue()];
        if (!followsCalendar) {
            return week;
        }
        ProductionCalendar.Day day = calendar.day(date);
        if (day == ProductionCalendar.Day.OFF) {
            return NONE;
        }
        int[] spans = week.length == 0 && day == ProductionCalendar.Day.WORKING ? firstNonEmpty() : week;
        if (day == ProductionCalendar.Day.SHORTENED && spans.length > 0) {
            int[] shorter = spans.clone();
            shorter[shorter.length - 1] = Math.max(shorter[shorter.length - 2], shorter[shorter.length - 1] - calendar.shortenedByMinutes());
            return shorter;
        }
        return spans;
    }

    /** A transferred working Saturday on a weekly timetable with no Saturday hours works the usual day's hours. */
    private int[] firstNonEmpty() {
        for (int d = 1; d <= 7; d++) {
            if (intervals[d].length > 0) {
                return intervals[d];
            }
        }
        return NONE;
    }

    private static final int[] NONE = new int[0];

    static int minutes(String time) {
        return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3, 5));
    }
}
