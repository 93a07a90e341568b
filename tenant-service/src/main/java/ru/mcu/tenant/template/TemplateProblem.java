package ru.mcu.tenant.template;

/**
 * One thing wrong with a template: the file, the place in it (a JSON Pointer, e.g.
 * {@code /channels/2/timetable/intervals/0}, and its line), the rule broken and what to do.
 */
public record TemplateProblem(String file, String path, Integer line, String rule, String message) {
    @Override
    public String toString() {
        return file + (line != null ? ":" + line : "") + " " + (path.isEmpty() ? "/" : path) + " [" + rule + "] " + message;
    }
}
