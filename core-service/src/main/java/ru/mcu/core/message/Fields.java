package ru.mcu.core.message;

import java.time.Instant;
import java.util.regex.Pattern;

import ru.mcu.core.shared.Refusal;
import ru.mcu.platform.problem.TextRules;

/**
 * The limits every field of a message or a step keeps, wherever it comes from (the API, a
 * connector, a line of an imported file): text rules, lengths, codes, and moments within bounds,
 * each refusal naming the field.
 */
public final class Fields {
    /** No arrival before this: older history is not the platform's to hold. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** No due date or moment further ahead than this: beyond it the value is a mistake (or an overflow). */
    static final java.time.Duration FURTHEST_AHEAD = java.time.Duration.ofDays(5 * 366);
    static final int MAX_CODE = 100;
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private Fields() {
    }

    /** Optional free text: at most {@code max} characters, and text by {@link TextRules}. */
    public static void text(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw Refusal.invalid(field, "Длиннее " + max + " символов (" + value.length() + ")").with("maxLength", max);
        }
        String violation = TextRules.violation(value);
        if (violation != null) {
            throw new Refusal(422, "invalid-text", "Недопустимый текст", violation).with("field", field);
        }
    }

    /** A code from the template (channel, category, territory…): short and of code characters, before it is looked up. */
    public static void code(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_CODE || !CODE.matcher(value).matches()) {
            throw new Refusal(422, "invalid-code", "Неверный код", "Код — строчные латинские буквы, цифры, «-», «_», «.», не длиннее "
                    + MAX_CODE + " символов").with("field", field);
        }
    }

    /** A moment between 2000 and five years from now. */
    public static void moment(String field, Instant value, Instant now) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(now.plus(FURTHEST_AHEAD)))) {
            throw Refusal.invalid(field, "Момент " + value + " вне допустимого диапазона (с 2000 года до пяти лет вперёд)");
        }
    }
}
