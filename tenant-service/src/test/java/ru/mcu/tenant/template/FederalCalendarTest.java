package ru.mcu.tenant.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The federal production calendar (config-templates/calendars/russia-federal.yaml) against the
 * decrees' own totals (../shared/reference/production-calendar.md): working days, days off and
 * hours of a 40-hour week follow from the listed days, so a mistyped date shows here.
 */
class FederalCalendarTest {
    @SuppressWarnings("unchecked")
    static Map<Integer, Map<String, Object>> years() throws Exception {
        try (InputStream in = FederalCalendarTest.class.getClassLoader().getResourceAsStream("config-templates/calendars/russia-federal.yaml")) {
            Map<String, Object> calendar = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (Map<Integer, Map<String, Object>>) calendar.get("years");
        }
    }

    record Totals(long workingDays, long daysOff, long hours) {
    }

    @SuppressWarnings("unchecked")
    static Totals totals(int year, Map<String, Object> data) {
        Set<LocalDate> nonWorking = dates((List<Object>) data.get("nonWorking"));
        Set<LocalDate> working = dates((List<Object>) data.get("working"));
        Set<LocalDate> shortened = dates((List<Object>) data.get("shortened"));
        List<LocalDate> days = LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1)).toList();
        List<LocalDate> workdays = days.stream().filter(d -> working.contains(d)
                || (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !nonWorking.contains(d))).toList();
        long hours = workdays.size() * 8L - workdays.stream().filter(shortened::contains).count();
        return new Totals(workdays.size(), days.size() - workdays.size(), hours);
    }

    static Set<LocalDate> dates(List<Object> values) {
        return values == null ? Set.of() : values.stream().map(v -> LocalDate.parse(String.valueOf(v))).collect(Collectors.toSet());
    }

    @Test
    void eachDecreedYearAddsUpToTheDecreesTotals() throws Exception {
        // Government decrees No. 1335 (2025) and No. 1466 (2026): 247 working days, 118 days off, 1972 hours.
        assertThat(totals(2025, years().get(2025))).isEqualTo(new Totals(247, 118, 1972));
        assertThat(totals(2026, years().get(2026))).isEqualTo(new Totals(247, 118, 1972));
    }

    @Test
    void theKnownTransfersAreThere() throws Exception {
        Map<Integer, Map<String, Object>> years = years();
        // 1 November 2025 was a working (shortened) Saturday; 9 January 2026 a day off.
        assertThat(dates((List<Object>) years.get(2025).get("working"))).contains(LocalDate.of(2025, 11, 1));
        assertThat(dates((List<Object>) years.get(2025).get("shortened"))).contains(LocalDate.of(2025, 11, 1));
        assertThat(dates((List<Object>) years.get(2026).get("nonWorking"))).contains(LocalDate.of(2026, 1, 9));
        // 2027 has no decree yet: it is marked provisional.
        assertThat(years.get(2027)).containsEntry("provisional", true);
        assertThat(years.get(2025)).doesNotContainKey("provisional");
    }
}
