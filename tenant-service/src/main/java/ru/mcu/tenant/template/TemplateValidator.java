package ru.mcu.tenant.template;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Checks a municipality template completely, reporting every problem at once (file, path, line,
 * rule), and gives the loaded configuration only when there are none.
 */
@Component
public class TemplateValidator {
    /** Templates are a few dozen kilobytes; anything near this is a mistake or an attack. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The outcome: problems, or a configuration with the text and checksum it came from. */
    public record Validation(String file, List<TemplateProblem> problems, MunicipalityTemplate template, String text, String sha256,
                             List<Borrowing> borrowed) {
        public Validation(String file, List<TemplateProblem> problems, MunicipalityTemplate template, String text, String sha256) {
            this(file, problems, template, text, sha256, List.of());
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final ObjectMapper MODEL = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final SchemaCheck schema = new SchemaCheck();
    private final Set<String> calendars = Set.copyOf(ConfigTemplates.codes("calendars"));

    public Validation validate(String file, byte[] content) {
        List<TemplateProblem> problems = new ArrayList<>();
        if (content.length > MAX_BYTES) {
            problems.add(new TemplateProblem(file, "", null, "size", "Файл занимает " + content.length / 1024
                    + " КиБ; шаблон не может быть больше " + MAX_BYTES / 1024 + " КиБ"));
            return new Validation(file, problems, null, null, null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new TemplateProblem(file, "", null, "encoding", "Файл не в кодировке UTF-8 (или не текстовый)"));
            return new Validation(file, problems, null, null, null);
        }
        YamlTree.Parsed parsed = YamlTree.parse(file, text);
        problems.addAll(parsed.problems());
        if (parsed.root() == null) {
            return new Validation(file, problems, null, text, null);
        }
        problems.addAll(schema.check(file, parsed));
        problems.addAll(Rules.check(file, parsed, calendars));
        problems.sort(Comparator.comparing((TemplateProblem p) -> p.line() == null ? 0 : p.line()).thenComparing(TemplateProblem::path));
        if (!problems.isEmpty()) {
            return new Validation(file, List.copyOf(problems), null, text, null);
        }
        try {
            MunicipalityTemplate template = MODEL.treeToValue(parsed.root(), MunicipalityTemplate.class);
            return new Validation(file, List.of(), template, text, ConfigTemplates.sha256(content), Borrowing.of(parsed.root()));
        } catch (IOException e) {
            // The schema lets through what Java cannot hold (a number past its range): still the template's fault.
            return new Validation(file, List.of(new TemplateProblem(file, "", 1, "schema:type",
                    "Значение вне допустимого диапазона: " + e.getMessage().lines().findFirst().orElse(""))), null, text, null);
        }
    }
}
