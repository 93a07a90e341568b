package ru.mcu.tenant.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator against a minimal valid template and a corpus of broken ones (templates/bad/),
 * each of which states in its first lines the errors it must produce: "# expect: rule /path".
 */
class TemplateValidatorTest {
    static final TemplateValidator validator = new TemplateValidator();

    static Path resource(String name) throws URISyntaxException {
        return Path.of(TemplateValidatorTest.class.getResource("/templates/" + name).toURI());
    }

    static Stream<Path> badTemplates() throws IOException, URISyntaxException {
        return Files.list(resource("bad")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    record Expectation(String rule, String path) {
    }

    static List<Expectation> expectations(String text) {
        return text.lines().takeWhile(l -> l.startsWith("# expect:"))
                .map(l -> l.substring("# expect:".length()).trim().split(" ", 2))
                .map(parts -> new Expectation(parts[0], parts.length > 1 ? parts[1].trim() : ""))
                .toList();
    }

    @Test
    void theMinimalTemplateIsValidAndLoads() throws Exception {
        var result = validator.validate("minimal.yaml", Files.readAllBytes(resource("minimal.yaml")));
        assertThat(result.problems()).isEmpty();
        MunicipalityTemplate template = result.template();
        assertThat(template.profile().slug()).isEqualTo("test-town");
        assertThat(template.profile().timeZone()).isEqualTo("Asia/Novokuznetsk");
        assertThat(template.role("executor").orElseThrow().permissions()).containsExactly("message.view", "message.answer");
        assertThat(template.channel("im").orElseThrow().timetable().intervals()).containsExactly("08:00-12:00", "13:00-17:00");
        assertThat(template.policies("im")).singleElement().satisfies(p -> {
            assertThat(p.measure()).isEqualTo("working-minutes");
            assertThat(p.amount()).isEqualTo(60);
        });
        assertThat(template.regulation("im").orElseThrow().states()).anySatisfy(s -> assertThat(s.isFinal()).isTrue());
        assertThat(template.act().date()).isEqualTo("2024-01-15");
        assertThat(result.sha256()).hasSize(64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTemplates")
    void eachBrokenTemplateIsRefusedWithTheErrorsItStates(Path file) throws IOException {
        String text = Files.readString(file);
        List<Expectation> expected = expectations(text);
        assertThat(expected).as("the corpus file states what it expects").isNotEmpty();

        var result = validator.validate(file.getFileName().toString(), text.getBytes(StandardCharsets.UTF_8));

        assertThat(result.valid()).isFalse();
        assertThat(result.template()).as("nothing is loaded from a broken template").isNull();
        for (Expectation expectation : expected) {
            assertThat(result.problems()).as(result.problems().toString())
                    .anySatisfy(p -> {
                        assertThat(p.rule()).isEqualTo(expectation.rule());
                        assertThat(p.path()).isEqualTo(expectation.path());
                    });
        }
        assertThat(result.problems()).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(file.getFileName().toString());
            assertThat(p.message()).isNotBlank();
            assertThat(p.line()).as("line of " + p).isNotNull().isPositive();
        });
    }

    @Test
    void aMunicipalityChoosesWhereA59FzTermEndingOnADayOffEnds() throws Exception {
        String minimal = Files.readString(resource("minimal.yaml"));
        assertThat(validator.validate("minimal.yaml", minimal.getBytes(StandardCharsets.UTF_8)).template().calendar()
                .appealNonWorkingLastDay()).as("not chosen: the federal default applies").isNull();
        String chosen = minimal.replace("calendar: {federal: russia-federal}",
                "calendar: {federal: russia-federal, appealNonWorkingLastDay: previous-working-day}");
        var result = validator.validate("chosen.yaml", chosen.getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).isEmpty();
        assertThat(result.template().calendar().appealNonWorkingLastDay()).isEqualTo("previous-working-day");
    }

    @Test
    void aRuleBorrowedFromAnotherActIsValidWhenMarkedAndIsListed() throws Exception {
        String minimal = Files.readString(resource("minimal.yaml"));
        assertThat(validator.validate("minimal.yaml", minimal.getBytes(StandardCharsets.UTF_8)).borrowed()).as("all its own act's").isEmpty();
        String borrowing = minimal.replace(
                "    permissions: [message.view, message.answer]\n    source: {seed: 002_f2e1486361b13ce6.txt, point: \"Регламент, п. 2.1\"}",
                "    permissions: [message.view, message.answer]\n    source: {seed: 000_ebfca4f0a9c8146a.txt, "
                        + "point: \"по умолчанию платформы: акт молчит (Положение 000, п. 8)\", basis: platform-default}");
        assertThat(borrowing).isNotEqualTo(minimal);
        var result = validator.validate("borrowing.yaml", borrowing.getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).isEmpty();
        assertThat(result.borrowed()).singleElement().satisfies(b -> {
            assertThat(b.path()).isEqualTo("/roles/1/source");
            assertThat(b.basis()).isEqualTo("platform-default");
            assertThat(b.seed()).isEqualTo("000_ebfca4f0a9c8146a.txt");
        });
    }

    @Test
    void criteriaWithoutWeightsCountEquallyAndAreValid() throws Exception {
        String rated = Files.readString(resource("minimal.yaml")) + """
                ratings:
                  - {code: r, name: Рейтинг, channels: [im], criteria: [{code: a, name: A}, {code: b, name: B}], source: {seed: 002_f2e1486361b13ce6.txt, point: "п. 1"}}
                """;
        var result = validator.validate("rated.yaml", rated.getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).isEmpty();
        assertThat(result.template().ratings()).singleElement().satisfies(r ->
                assertThat(r.criteria()).extracting(MunicipalityTemplate.Criterion::weight).containsOnlyNulls());
    }

    @Test
    void aSatisfactionWindowThatStatesItsLastDayIsValid() throws Exception {
        String windowed = Files.readString(resource("minimal.yaml")).replace("""
                  - {channel: im, kind: first-response, measure: working-minutes, amount: 60, source: {seed: 002_f2e1486361b13ce6.txt, point: "Регламент, п. 2.1"}}
                """, """
                  - {channel: im, kind: first-response, measure: working-minutes, amount: 60, source: {seed: 002_f2e1486361b13ce6.txt, point: "Регламент, п. 2.1"}}
                  - {channel: im, kind: satisfaction-window, measure: calendar-days, amount: 2, nonWorkingLastDay: keep, source: {seed: 002_f2e1486361b13ce6.txt, point: "Регламент, п. 2.1, абз. 5"}}
                """).replace("""
                    source: {seed: 002_f2e1486361b13ce6.txt, point: "Регламент, п. 2.1"}
                calendar:""", """
                    arrival: {startsDeadlines: [first-response], source: {seed: 002_f2e1486361b13ce6.txt, point: "Регламент, п. 2.1, абз. 6"}}
                    satisfaction: {windowDays: 2, silenceMeans: accepted, reopenOn: [citizen-comment], nonWorkingLastDay: keep}
                    source: {seed: 002_f2e1486361b13ce6.txt, point: "Регламент, п. 2.1"}
                calendar:""");
        assertThat(windowed).contains("satisfaction-window").contains("nonWorkingLastDay: keep}");
        var result = validator.validate("windowed.yaml", windowed.getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).isEmpty();
        assertThat(result.template().policies("im")).anySatisfy(p -> assertThat(p.nonWorkingLastDay()).isEqualTo("keep"));
    }

    @Test
    void theLineNamedIsTheLineOfTheMistake() throws Exception {
        Path file = resource("bad/unknown-permission.yaml");
        List<String> lines = Files.readAllLines(file);
        var problem = validator.validate("unknown-permission.yaml", Files.readAllBytes(file)).problems().getFirst();
        assertThat(lines.get(problem.line() - 1)).contains("message.fly");
    }

    @Test
    void allErrorsAreReportedAtOnce() throws Exception {
        var problems = validator.validate("many-errors.yaml", Files.readAllBytes(resource("bad/many-errors.yaml"))).problems();
        assertThat(problems).extracting(TemplateProblem::rule)
                .contains("schema:additionalProperties", "time-zone", "interval-overlap", "unknown-reference", "schema:enum");
    }

    @Test
    void aFileOf50MegabytesIsRefusedUnread() {
        byte[] huge = new byte[50 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        var result = validator.validate("huge.yaml", huge);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("size");
            assertThat(p.message()).contains("51200 КиБ").contains("1024 КиБ");
        });
    }

    @Test
    void aFileThatIsNotTextIsRefused() {
        var result = validator.validate("image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe, 0, 1});
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("encoding"));
    }

    @Test
    void anAliasBombIsRefused() {
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
        var result = validator.validate("bomb.yaml", bomb.getBytes(StandardCharsets.UTF_8));
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(TemplateProblem::rule).contains("yaml-syntax");
    }
}
