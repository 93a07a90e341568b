package ru.mcu.platform.problem;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string of every JSON body passes {@link TextRules} as it is read, so no endpoint can forget
 * to: a bad one ends the request with a 422 problem that names the field.
 */
public final class CheckedStrings extends StringDeserializer {
    /** Raised while reading; Jackson adds the path of the field. */
    public static final class BadText extends DatabindException {
        private final String reason;

        BadText(JsonParser parser, String reason) {
            super(parser, reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public static SimpleModule module() {
        return new SimpleModule("mcu-checked-strings").addDeserializer(String.class, new CheckedStrings());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        String violation = TextRules.violation(value);
        if (violation != null) {
            throw new BadText(parser, violation);
        }
        return value;
    }
}
