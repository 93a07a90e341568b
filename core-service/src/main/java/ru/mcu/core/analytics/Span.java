package ru.mcu.core.analytics;

import java.sql.Date;
import java.time.LocalDate;

/**
 * A period as the rollups read it: its whole calendar months from a monthly table, the days at either
 * edge (before its first whole month, after its last) from the daily one. A period with no whole month
 * is all edge. {@link #rows} unions the two; its arguments are {@link #args}, in order.
 */
record Span(LocalDate from, LocalDate to) {
    /** The first day of the first whole month in the period, or none. */
    LocalDate firstMonth() {
        LocalDate first = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        return first.plusMonths(1).minusDays(1).isAfter(to) ? null : first;
    }

    /** The first day of the last whole month in the period, or none. */
    LocalDate lastMonth() {
        if (firstMonth() == null) {
            return null;
        }
        return to.plusDays(1).getDayOfMonth() == 1 ? to.withDayOfMonth(1) : to.withDayOfMonth(1).minusMonths(1);
    }

    /**
     * The rows of the period: {@code columns} from the monthly table's whole months, and the same
     * columns from the daily table's edge days ({@code dayColumn} names the daily table's day).
     */
    String rows(String columns, String monthly, String daily, String dayColumn) {
        return rows(columns, monthly, columns, daily, dayColumn);
    }

    /** The same where the daily table gives the columns otherwise (per message rather than counted, say). */
    String rows(String monthlyColumns, String monthly, String dailyColumns, String daily, String dayColumn) {
        // Each edge a range of its own: one index range each (an index-only scan where the index carries the columns), not a bitmap of two.
        return "(select " + monthlyColumns + " from " + monthly + " where month between ? and ? union all select " + dailyColumns + " from " + daily
                + " where " + dayColumn + " between ? and ? union all select " + dailyColumns + " from " + daily + " where " + dayColumn
                + " between ? and ?)";
    }

    /** The six dates {@link #rows} takes: the months, then the two edges (empty ranges where there is none). */
    Object[] args() {
        LocalDate first = firstMonth();
        if (first == null) {
            // No month (the reversed range selects nothing), all of it from the days, no second edge.
            return new Object[] {Date.valueOf(LocalDate.of(9999, 12, 31)), Date.valueOf(LocalDate.of(1, 1, 1)), Date.valueOf(from), Date.valueOf(to),
                    Date.valueOf(to.plusDays(1)), Date.valueOf(from)};
        }
        LocalDate last = lastMonth();
        LocalDate lastDay = last.plusMonths(1).minusDays(1);
        return new Object[] {Date.valueOf(first), Date.valueOf(last), Date.valueOf(from), Date.valueOf(first.minusDays(1)), Date.valueOf(lastDay.plusDays(1)),
                Date.valueOf(to)};
    }

    /** The args followed by more. */
    Object[] args(Object... more) {
        Object[] span = args();
        Object[] all = new Object[span.length + more.length];
        System.arraycopy(span, 0, all, 0, span.length);
        System.arraycopy(more, 0, all, span.length, more.length);
        return all;
    }
}
