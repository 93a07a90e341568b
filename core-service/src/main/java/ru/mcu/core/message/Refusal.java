package ru.mcu.core.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a request about a message was refused, in terms a user can act on: the HTTP status, the rule
 * broken (becomes the problem type), the field concerned, and extra facts such as the current state.
 */
public class Refusal extends RuntimeException {
    private final int status;
    private final String rule;
    private final String title;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    public Refusal(int status, String rule, String title, String detail) {
        super(detail);
        this.status = status;
        this.rule = rule;
        this.title = title;
    }

    public static Refusal invalid(String field, String detail) {
        return new Refusal(422, "invalid-field", "Поле заполнено неверно", detail).with("field", field);
    }

    public Refusal with(String name, Object value) {
        facts.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
