package ru.mcu.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal in terms a user can act on: the HTTP status, the rule broken (the problem type
 * {@code urn:mcu:problem:<rule>}), a Russian title, and facts such as the field concerned or the
 * current state. Every service's mapper turns it into a problem detail.
 */
public class ApiRefusal extends RuntimeException {
    private final int status;
    private final String rule;
    private final String title;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    public ApiRefusal(int status, String rule, String title, String detail) {
        super(detail);
        this.status = status;
        this.rule = rule;
        this.title = title;
    }

    /** 422: a field holds what it may not, and the problem names it. */
    public static ApiRefusal invalid(String field, String detail) {
        return new ApiRefusal(422, "invalid-field", "Поле заполнено неверно", detail).with("field", field);
    }

    public ApiRefusal with(String name, Object value) {
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
