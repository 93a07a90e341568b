package ru.mcu.core.shared;

import ru.mcu.platform.problem.ApiRefusal;

/** A refusal about a message or a step (see {@link ApiRefusal}); {@link #with} keeps the type for chaining. */
public class Refusal extends ApiRefusal {
    public Refusal(int status, String rule, String title, String detail) {
        super(status, rule, title, detail);
    }

    public static Refusal invalid(String field, String detail) {
        return new Refusal(422, "invalid-field", "Поле заполнено неверно", detail).with("field", field);
    }

    @Override
    public Refusal with(String name, Object value) {
        super.with(name, value);
        return this;
    }
}
