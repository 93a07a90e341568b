package ru.mcu.core.workingtime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Due dates in a municipality's working time: its channel's timetable, in its time zone, on its
 * production calendar. Every due date comes with a trace a person can read, in Russian, e.g.
 * «поступило пт 20.11 16:30 (Asia/Novokuznetsk); в тот день 30 рабочих мин.; продолжение пн 23.11 08:00; срок пн 23.11 08:30».
 */
public final class DeadlineCalculator {
    /** A deadline policy of the template: measure, amount, cutoff and the rule for a last day off. */
    public record Policy(String measure, Integer amount, String cutoff, String nonWorkingLastDay) {
        public static Policy of(String measure, Integer amount) {
            return new Policy(measure, amount, null, null);
        }
    }

    /** A due date and how it was computed. */
    public record Due(Instant at, String trace) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EE dd.MM.yyyy HH:mm", Locale.forLanguageTag("ru"));
    private static final int MAX_DAYS = 3 * 366;

    private final ProductionCalendar calendar;
    private final Timetable timetable;
    private final ZoneId zone;

    public DeadlineCalculator(ProductionCalendar calendar, Timetable timetable, ZoneId zone) {
        this.calendar = calendar;
        this.timetable = timetable;
        this.zone = zone;
    }

    public Due due(Policy policy, Instant received, Instant sourceDue) {
        StringBuilder trace = new StringBuilder("поступило ").append(format(received)).append(" (").append(zone.getId()).append(")");
        Instant at = switch (policy.measure()) {
            case "working-minutes" -> workingMinutes(received, required(policy), trace);
            case "wall-clock-hours" -> {
                Instant due = received.plus(Duration.ofHours(required(policy)));
                trace.append("; плюс ").append(policy.amount()).append(" ч");
                yield due;
            }
            case "calendar-days" -> calendarDays(received, required(policy), policy.nonWorkingLastDay(), trace);
            case "working-days" -> workingDays(received, required(policy), trace);
            case "same-day-cutoff" -> cutoff(received, LocalTime.parse(policy.cutoff()), trace);
            case "source-supplied" -> {
                if (sourceDue == null) {
                    throw new IllegalArgumentException("the source platform supplied no due date");
                }
                trace.append("; срок установлен платформой-источником");
                yield sourceDue;
            }
            default -> throw new IllegalArgumentException("unknown deadline measure " + policy.measure());
        };
        trace.append("; срок ").append(format(at));
        specialDays(received, at, trace);
        return new Due(at, trace.toString());
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM", Locale.forLanguageTag("ru"));

    /**
     * The days of the term that are not ordinary ones, so a reader sees why the date fell where it did:
     * «04.11 — праздник; 03.11 — сокращённый день до 16:00; 01.11 — рабочая суббота».
     */
    private void specialDays(Instant from, Instant to, StringBuilder trace) {
        if (!to.isAfter(from)) {
            return;
        }
        List<String> notes = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, zone);
        LocalDate date = LocalDate.ofInstant(from, zone);
        for (int day = 0; day < MAX_DAYS && !date.isAfter(last); day++, date = date.plusDays(1)) {
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            switch (calendar.day(date)) {
                case OFF -> {
                    if (!weekend) {
                        notes.add(date.format(DAY) + " — нерабочий праздничный день");
                    }
                }
                case SHORTENED -> {
                    int[] spans = timetable.on(date, calendar);
                    notes.add(date.format(DAY) + " — сокращённый день" + (spans.length == 0 ? ""
                            : " до " + LocalTime.ofSecondOfDay(spans[spans.length - 1] * 60L % 86400)));
                }
                case WORKING -> {
                    if (weekend) {
                        notes.add(date.format(DAY) + " — рабочий день (перенос выходного)");
                    }
                }
            }
        }
        if (!notes.isEmpty()) {
            trace.append("; ").append(String.join("; ", notes));
        }
    }

    /** The fast path, without a trace: working minutes from a moment (the clock starts at the next working moment). */
    public Instant addWorkingMinutes(Instant from, long minutes) {
        return workingMinutes(from, minutes, null);
    }

    /** Working minutes of the timetable between two moments (none when {@code to} is not after {@code from}). */
    public long workingMinutesBetween(Instant from, Instant to) {
        long seconds = 0;
        LocalDateTime start = LocalDateTime.ofInstant(from, zone);
        LocalDateTime end = LocalDateTime.ofInstant(to, zone);
        LocalDate date = start.toLocalDate();
        for (int day = 0; day < MAX_DAYS && !date.isAfter(end.toLocalDate()); day++) {
            int[] spans = timetable.on(date, calendar);
            int lower = date.equals(start.toLocalDate()) ? start.toLocalTime().toSecondOfDay() : 0;
            int upper = date.equals(end.toLocalDate()) ? end.toLocalTime().toSecondOfDay() : 24 * 3600;
            for (int i = 0; i < spans.length; i += 2) {
                seconds += Math.max(0, Math.min(upper, spans[i + 1] * 60) - Math.max(lower, spans[i] * 60));
            }
            date = date.plusDays(1);
        }
        return seconds / 60;
    }

    private Instant workingMinutes(Instant from, long minutes, StringBuilder trace) {
        LocalDateTime local = LocalDateTime.ofInstant(from, zone);
        LocalDate date = local.toLocalDate();
        int second = local.toLocalTime().toSecondOfDay();
        long remaining = minutes * 60;
        boolean first = true;
        for (int day = 0; day < MAX_DAYS; day++) {
            int[] spans = timetable.on(date, calendar);
            long workedToday = 0;
            for (int i = 0; i < spans.length; i += 2) {
                int start = Math.max(second, spans[i] * 60);
                int end = spans[i + 1] * 60;
                if (end <= start) {
                    continue;
                }
                if (trace != null && !first && workedToday == 0) {
                    trace.append("; продолжение ").append(format(date.atStartOfDay().plusSeconds(start)));
                }
                long available = end - start;
                if (remaining <= available) {
                    return date.atStartOfDay().plusSeconds(start + remaining).atZone(zone).toInstant();
                }
                remaining -= available;
                workedToday += available;
            }
            if (trace != null && first) {
                trace.append(workedToday > 0 ? "; в тот день " + workedToday / 60 + " рабочих мин." : "; вне рабочего времени");
            }
            first = false;
            date = date.plusDays(1);
            second = 0;
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days");
    }

    private Instant calendarDays(Instant received, int days, String lastDayRule, StringBuilder trace) {
        LocalDate start = LocalDate.ofInstant(received, zone);
        LocalDate last = start.plusDays(days);
        trace.append("; плюс ").append(days).append(" календарных дн.");
        if (calendar.isWorking(last) || "keep".equals(lastDayRule)) {
            return endOf(last);
        }
        trace.append("; последний день ").append(last.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"))).append(" нерабочий");
        if ("previous-working-day".equals(lastDayRule)) {
            LocalDate earlier = last.minusDays(1);
            while (earlier.isAfter(start) && !calendar.isWorking(earlier)) {
                earlier = earlier.minusDays(1);
            }
            // A term never ends on or before the day it starts: with no working day inside it, it moves forward.
            if (earlier.isAfter(start)) {
                trace.append(", перенос на предыдущий рабочий день");
                return endOf(earlier);
            }
            trace.append(", в сроке нет рабочего дня");
        }
        LocalDate later = last.plusDays(1);
        while (!calendar.isWorking(later)) {
            later = later.plusDays(1);
        }
        trace.append(", перенос на следующий рабочий день");
        return endOf(later);
    }

    private Instant workingDays(Instant received, int days, StringBuilder trace) {
        LocalDate date = LocalDate.ofInstant(received, zone);
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (timetable.on(date, calendar).length > 0) {
                counted++;
            }
        }
        int[] spans = timetable.on(date, calendar);
        trace.append("; плюс ").append(days).append(" рабочих дн., до конца рабочего дня");
        return date.atStartOfDay().plusMinutes(spans[spans.length - 1]).atZone(zone).toInstant();
    }

    private Instant cutoff(Instant received, LocalTime cutoff, StringBuilder trace) {
        LocalDateTime local = LocalDateTime.ofInstant(received, zone);
        LocalDate date = local.toLocalDate();
        boolean sameDay = local.toLocalTime().isBefore(cutoff) && timetable.on(date, calendar).length > 0;
        if (!sameDay) {
            do {
                date = date.plusDays(1);
            } while (timetable.on(date, calendar).length == 0);
        }
        trace.append(sameDay ? "; до " + cutoff + " того же дня" : "; после " + cutoff + ", до " + cutoff + " следующего дня приёма");
        return date.atTime(cutoff).atZone(zone).toInstant();
    }

    private Instant endOf(LocalDate date) {
        return date.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
    }

    private static int required(Policy policy) {
        if (policy.amount() == null) {
            throw new IllegalArgumentException(policy.measure() + " needs an amount");
        }
        return policy.amount();
    }

    private String format(Instant instant) {
        return format(LocalDateTime.ofInstant(instant, zone));
    }

    private static String format(LocalDateTime local) {
        return local.format(WHEN);
    }
}
