package ru.mcu.core.shared;

/** Text cut for a title, a notice or a refusal: a refusal never echoes a long input back whole. */
public final class Texts {
    private Texts() {
    }

    /** At most {@code length} characters, the last of them «…» where it was cut. */
    public static String shortened(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
