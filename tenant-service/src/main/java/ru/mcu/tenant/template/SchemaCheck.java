package ru.mcu.tenant.template;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The template's shape against config-templates/schema/mcu-template.schema.json. */
final class SchemaCheck {
    static final String SCHEMA = "config-templates/schema/mcu-template.schema.json";

    /** Russian wording of the schema rules people meet most; others keep the validator's text. */
    private static final Map<String, String> RULES_RU = Map.of(
            "required", "не хватает обязательного поля «%s»",
            "additionalProperties", "неизвестное поле «%s»: проверьте написание (формат не допускает лишних ключей)",
            "enum", "значение не из допустимого списка",
            "pattern", "значение не соответствует формату",
            "type", "неверный тип значения",
            "const", "должно быть ровно указанное значение",
            "minItems", "список слишком короткий",
            "minimum", "значение меньше допустимого",
            "format", "значение не соответствует формату (например, дата ГГГГ-ММ-ДД)");

    private final JsonSchema schema;

    SchemaCheck() {
        try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the classpath");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + SCHEMA, e);
        }
    }

    List<TemplateProblem> check(String file, YamlTree.Parsed parsed) {
        return schema.validate(parsed.root()).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()).thenComparing(ValidationMessage::getType))
                .map(m -> problem(file, parsed, m))
                .toList();
    }

    private static TemplateProblem problem(String file, YamlTree.Parsed parsed, ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        if (path.equals("/")) {
            path = "";
        }
        String pointer = message.getProperty() != null && message.getType().equals("additionalProperties")
                ? path + "/" + message.getProperty() : path;
        String ru = RULES_RU.get(message.getType());
        String text;
        if (message.getType().equals("enum")) {
            // The whole vocabulary would drown the one wrong word: name it, and where the list is.
            text = "значение «" + message.getInstanceNode().asText() + "» не из допустимого списка (словари: config-templates/README.md)";
        } else {
            text = ru == null ? message.getMessage()
                    : String.format(ru, message.getProperty() == null ? "" : message.getProperty()) + " — " + message.getMessage();
        }
        return new TemplateProblem(file, pointer, parsed.lineOf(pointer), "schema:" + message.getType(), text);
    }
}
