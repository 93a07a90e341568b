package ru.mcu.tenant.onboarding;

import java.util.List;

import ru.mcu.tenant.template.TemplateProblem;

/** Why an onboarding request cannot go ahead; each maps to an RFC 9457 problem. */
public abstract class OnboardingException extends RuntimeException {
    OnboardingException(String message) {
        super(message);
    }

    /** A field of the request is wrong (400). */
    public static final class BadRequest extends OnboardingException {
        private final String field;

        BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The template has problems (422): all of them, with file, path, line and rule. */
    public static final class InvalidTemplate extends OnboardingException {
        private final List<TemplateProblem> problems;

        InvalidTemplate(List<TemplateProblem> problems) {
            super("Шаблон содержит ошибки: " + problems.size());
            this.problems = problems;
        }

        public List<TemplateProblem> problems() {
            return problems;
        }
    }

    /** Channels the municipality's configuration does not have (422, like an unknown channel in core-service). */
    public static final class UnknownChannels extends OnboardingException {
        private final java.util.Set<String> known;

        UnknownChannels(List<String> unknown, java.util.Set<String> known) {
            super("Каналов " + unknown + " нет в конфигурации муниципалитета; есть: " + known);
            this.known = java.util.Set.copyOf(known);
        }

        public java.util.Set<String> known() {
            return known;
        }
    }

    /** The slug or template version is taken by something else (409). */
    public static final class Conflict extends OnboardingException {
        Conflict(String message) {
            super(message);
        }
    }

    /** No such municipality (404). */
    public static final class NotFound extends OnboardingException {
        NotFound(String slug) {
            super("Муниципалитета «" + slug + "» нет");
        }
    }
}
