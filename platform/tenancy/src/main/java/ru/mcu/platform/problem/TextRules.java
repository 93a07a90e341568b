package ru.mcu.platform.problem;

/**
 * What no text a person or a connector sends may contain: control characters (a NUL breaks
 * PostgreSQL, others break screens and CSV), halves of surrogate pairs (not text at all), and text
 * made only of invisible characters (it looks filled in but says nothing). Line breaks and tabs
 * are text.
 */
public final class TextRules {
    /** The longest string any request may carry; every field has its own, smaller limit too. */
    public static final int MAX_ANY = 100_000;

    private TextRules() {
    }

    /** Why the text is refused, in Russian, or null when it is fine. */
    public static String violation(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_ANY) {
            return "Текст длиннее " + MAX_ANY + " символов";
        }
        boolean visible = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    visible = true;
                    continue;
                }
                return "Текст содержит половину суррогатной пары (позиция " + (i + 1) + "): это не текст Юникода";
            }
            if (Character.isLowSurrogate(c)) {
                return "Текст содержит половину суррогатной пары (позиция " + (i + 1) + "): это не текст Юникода";
            }
            if (c != '\n' && c != '\r' && c != '\t' && (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)) {
                return String.format("Текст содержит управляющий символ U+%04X (позиция %d)", (int) c, i + 1);
            }
            if (!invisible(c)) {
                visible = true;
            }
        }
        return visible ? null : "Текст состоит только из пробелов и невидимых символов";
    }

    private static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || c == '\u3164' || c == '\u115F' || c == '\u1160' || c == '\uFFA0' || c == '\u2800';
    }
}
