package ru.mcu.core.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;

import ru.mcu.core.workingtime.ProductionCalendar;

/**
 * Which seasonal index a day takes: its weekday when it is worked as that weekday usually is,
 * otherwise a holiday on a weekday (New Year's week, 9 May…) or a weekend day worked instead of
 * one, by the municipality's production calendar with its regional and municipal days.
 */
final class DayKind {
    static final int MONDAY = 0;
    static final int FRIDAY = 4;
    static final int SUNDAY = 6;
    static final int HOLIDAY = 7;
    static final int WORKING_WEEKEND = 8;
    static final int COUNT = 9;

    private DayKind() {
    }

    static int of(ProductionCalendar calendar, LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
        boolean working = calendar.isWorking(day);
        if (working != weekend) {
            return weekday.getValue() - 1;
        }
        return working ? WORKING_WEEKEND : HOLIDAY;
    }
}
