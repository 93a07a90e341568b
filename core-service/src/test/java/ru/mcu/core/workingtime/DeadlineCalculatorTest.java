package ru.mcu.core.workingtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import ru.mcu.core.workingtime.DeadlineCalculator.Policy;

/**
 * Due dates against a table of cases on the federal production calendar 2025–2026, in the five
 * municipalities' time zones: arrivals at night, on weekends, on holidays and transferred days,
 * on shortened days and across the year boundary, for each kind of deadline.
 */
class DeadlineCalculatorTest {
    static final ProductionCalendar FEDERAL = ProductionCalendar.load("russia-federal");
    static final Timetable OFFICE = Timetable.workingDays(List.of("08:00-17:00"));

    static Instant at(String local, String zone) {
        return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
    }

    static String local(Instant instant, String zone) {
        return LocalDateTime.ofInstant(instant, ZoneId.of(zone)).toString();
    }

    @ParameterizedTest(name = "{0}: {1} in {2} + {3} working minutes = {4}")
    @CsvSource({
            // Tashtagol ИМ: first answer within an hour of working time (Regulation p. 2.1).
            "friday afternoon,             2026-11-20T16:30, Asia/Novokuznetsk, 60, 2026-11-23T08:30",
            "at night,                     2026-11-24T03:00, Asia/Novokuznetsk, 60, 2026-11-24T09:00",
            "on a Sunday,                  2026-11-22T12:00, Asia/Irkutsk,      60, 2026-11-23T09:00",
            "New Year holidays (9 Jan 26), 2026-01-08T12:00, Asia/Barnaul,      60, 2026-01-12T09:00",
            "working Saturday 1 Nov 25,    2025-11-01T15:30, Europe/Moscow,     60, 2025-11-05T08:30",
            "shortened day 30 Apr 26,      2026-04-30T15:30, Asia/Yekaterinburg,60, 2026-05-04T08:30",
            "across the year boundary,     2025-12-30T16:30, Asia/Novokuznetsk, 60, 2026-01-12T08:30",
            "within the day,               2026-11-24T10:15, Europe/Moscow,     30, 2026-11-24T10:45",
            "exactly at the end,           2026-11-24T16:00, Europe/Moscow,     60, 2026-11-24T17:00",
            "3 and 4 November 2025 off,    2025-11-03T10:00, Asia/Irkutsk,     120, 2025-11-05T10:00",
    })
    void workingMinutes(String name, String received, String zone, int minutes, String due) {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of(zone));
        var result = calculator.due(Policy.of("working-minutes", minutes), at(received, zone), null);
        assertThat(local(result.at(), zone)).isEqualTo(due);
        assertThat(calculator.addWorkingMinutes(at(received, zone), minutes)).isEqualTo(result.at());
    }

    @Test
    void theTraceSaysHowTheDueDateWasComputed() {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of("Asia/Novokuznetsk"));
        var due = calculator.due(Policy.of("working-minutes", 60), at("2026-11-20T16:30", "Asia/Novokuznetsk"), null);
        assertThat(due.trace()).isEqualTo("поступило пт 20.11.2026 16:30 (Asia/Novokuznetsk); в тот день 30 рабочих мин.; "
                + "продолжение пн 23.11.2026 08:00; срок пн 23.11.2026 08:30");
    }

    @Test
    void severalIntervalsADayAreWorkedInTurn() {
        var lunch = Timetable.workingDays(List.of("08:00-12:00", "13:00-17:00"));
        var calculator = new DeadlineCalculator(FEDERAL, lunch, ZoneId.of("Europe/Moscow"));
        assertThat(local(calculator.addWorkingMinutes(at("2026-11-24T11:30", "Europe/Moscow"), 60), "Europe/Moscow"))
                .isEqualTo("2026-11-24T13:30");
    }

    @Test
    void anEveryDayTimetableWorksOnHolidays() {
        var everyDay = Timetable.everyDay(List.of("00:00-24:00"));
        var calculator = new DeadlineCalculator(FEDERAL, everyDay, ZoneId.of("Asia/Novokuznetsk"));
        // Governor's pages (Regulation p. 2.4): answered by 18:00 the same day, every day.
        var cutoff = new Policy("same-day-cutoff", null, "18:00", null);
        assertThat(local(calculator.due(cutoff, at("2026-01-01T10:00", "Asia/Novokuznetsk"), null).at(), "Asia/Novokuznetsk"))
                .isEqualTo("2026-01-01T18:00");
        assertThat(local(calculator.due(cutoff, at("2026-01-01T19:00", "Asia/Novokuznetsk"), null).at(), "Asia/Novokuznetsk"))
                .isEqualTo("2026-01-02T18:00");
    }

    @Test
    void wallClockHoursIgnoreTheCalendar() {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of("Asia/Novokuznetsk"));
        // «Кузбасс Онлайн»: accepted into work within 24 hours (Regulation p. 2.3).
        assertThat(local(calculator.due(Policy.of("wall-clock-hours", 24), at("2026-11-20T16:00", "Asia/Novokuznetsk"), null).at(),
                "Asia/Novokuznetsk")).isEqualTo("2026-11-21T16:00");
    }

    @Test
    void calendarDaysMoveALastDayOffByTheMunicipalitysRule() {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of("Asia/Yekaterinburg"));
        Instant registered = at("2026-05-08T11:00", "Asia/Yekaterinburg");
        // 59-ФЗ: 30 days; 8 May + 30 = 7 June 2026, a Sunday.
        assertThat(local(calculator.due(new Policy("calendar-days", 30, null, "next-working-day"), registered, null).at(), "Asia/Yekaterinburg"))
                .isEqualTo("2026-06-08T23:59:59");
        assertThat(local(calculator.due(new Policy("calendar-days", 30, null, "previous-working-day"), registered, null).at(), "Asia/Yekaterinburg"))
                .isEqualTo("2026-06-05T23:59:59");
        assertThat(local(calculator.due(new Policy("calendar-days", 30, null, "keep"), registered, null).at(), "Asia/Yekaterinburg"))
                .isEqualTo("2026-06-07T23:59:59");
        // Received 2 January 2026: the third day (5 January) and every day back to the 2nd are holidays.
        // The previous working day would fall before the term began, so the term ends on the next one.
        var registration = calculator.due(new Policy("calendar-days", 3, null, "previous-working-day"),
                at("2026-01-02T10:00", "Asia/Yekaterinburg"), null);
        assertThat(local(registration.at(), "Asia/Yekaterinburg")).isEqualTo("2026-01-12T23:59:59");
        assertThat(registration.trace()).contains("последний день 05.01.2026 нерабочий, в сроке нет рабочего дня, перенос на следующий рабочий день");
        // 14 days for «Кузбасс Онлайн», landing on a working day.
        assertThat(local(calculator.due(Policy.of("calendar-days", 14), at("2026-11-20T09:00", "Asia/Yekaterinburg"), null).at(), "Asia/Yekaterinburg"))
                .isEqualTo("2026-12-04T23:59:59");
    }

    @Test
    void workingDaysSkipHolidaysAndEndWithTheWorkingDay() {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of("Europe/Moscow"));
        assertThat(local(calculator.due(Policy.of("working-days", 1), at("2026-11-20T10:00", "Europe/Moscow"), null).at(), "Europe/Moscow"))
                .isEqualTo("2026-11-23T17:00");
        // 3 working days from 30 Dec 2025: 31 Dec and 1–11 Jan are off.
        assertThat(local(calculator.due(Policy.of("working-days", 3), at("2025-12-30T10:00", "Europe/Moscow"), null).at(), "Europe/Moscow"))
                .isEqualTo("2026-01-14T17:00");
    }

    @Test
    void aDueDateFromTheSourcePlatformIsTakenAsItIs() {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of("Europe/Moscow"));
        Instant supplied = at("2026-12-01T12:00", "Europe/Moscow");
        var due = calculator.due(Policy.of("source-supplied", null), at("2026-11-20T10:00", "Europe/Moscow"), supplied);
        assertThat(due.at()).isEqualTo(supplied);
        assertThat(due.trace()).contains("платформой-источником");
        assertThatThrownBy(() -> calculator.due(Policy.of("source-supplied", null), supplied, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMunicipalDayOffIsHonoured() {
        var calendar = FEDERAL.with(java.util.Map.of(java.time.LocalDate.of(2026, 11, 23), ProductionCalendar.Day.OFF));
        var calculator = new DeadlineCalculator(calendar, OFFICE, ZoneId.of("Asia/Novokuznetsk"));
        assertThat(local(calculator.addWorkingMinutes(at("2026-11-20T16:30", "Asia/Novokuznetsk"), 60), "Asia/Novokuznetsk"))
                .isEqualTo("2026-11-24T08:30");
    }

    @Test
    void workingMinutesBetweenTwoMomentsCountOnlyTheTimetable() {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of("Asia/Novokuznetsk"));
        // Friday 16:30 to Monday 08:30: 30 minutes on Friday, 30 on Monday.
        assertThat(calculator.workingMinutesBetween(at("2026-11-20T16:30", "Asia/Novokuznetsk"), at("2026-11-23T08:30", "Asia/Novokuznetsk")))
                .isEqualTo(60);
        // Across the New Year holidays (31 December 2025 to 11 January 2026 are days off): the last hour of 30 December and the first of 12 January.
        assertThat(calculator.workingMinutesBetween(at("2025-12-30T16:00", "Asia/Novokuznetsk"), at("2026-01-12T09:00", "Asia/Novokuznetsk")))
                .isEqualTo(60 + 60);
        assertThat(calculator.workingMinutesBetween(at("2026-11-23T10:00", "Asia/Novokuznetsk"), at("2026-11-23T09:00", "Asia/Novokuznetsk")))
                .isZero();
        // The inverse of adding working minutes.
        Instant from = at("2026-04-29T15:10", "Asia/Novokuznetsk");
        assertThat(calculator.workingMinutesBetween(from, calculator.addWorkingMinutes(from, 1234))).isEqualTo(1234);
    }

    @Test
    void theTraceNamesTheHolidaysAndShortenedDaysOfTheTerm() {
        var calculator = new DeadlineCalculator(FEDERAL, OFFICE, ZoneId.of("Asia/Novokuznetsk"));
        // Tuesday 3 November 2026 is shortened (to 16:00), Wednesday 4 November is a holiday: 30 minutes, then Thursday.
        var due = calculator.due(Policy.of("working-minutes", 120), at("2026-11-03T15:30", "Asia/Novokuznetsk"), null);
        assertThat(local(due.at(), "Asia/Novokuznetsk")).isEqualTo("2026-11-05T09:30");
        assertThat(due.trace()).contains("03.11 — сокращённый день до 16:00").contains("04.11 — нерабочий праздничный день")
                .doesNotContain("05.11 —");
        // An ordinary week says nothing more; a weekend is no news either.
        assertThat(calculator.due(Policy.of("working-minutes", 60), at("2026-11-20T16:30", "Asia/Novokuznetsk"), null).trace())
                .doesNotContain(" — ");
        // A transferred working Saturday (1 November 2025, shortened) is named as both.
        assertThat(calculator.due(Policy.of("working-days", 2), at("2025-10-31T10:00", "Asia/Novokuznetsk"), null).trace())
                .contains("01.11 — сокращённый день до 16:00");
    }
}
