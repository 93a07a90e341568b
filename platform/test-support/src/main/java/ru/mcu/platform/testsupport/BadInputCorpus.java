package ru.mcu.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The harness of a service's corpus of bad inputs ({@code src/test/resources/bad-input/*.json}, a
 * file per case): reading the cases, building each request, the assertions every refusal must pass
 * (its status and problem type, the field it names, a short answer that echoes nothing, no SQL or
 * exception text), and the check that every endpoint has a case. The service's test supplies its
 * callers (tokens) and placeholders, and checks that nothing was written.
 *
 * <p>A case: {@code about} (a sentence), {@code request} ({@code method}, {@code path} sent as written,
 * {@code as} the caller, and {@code body} JSON, {@code bodyText} raw, or {@code bodyRepeat}
 * {prefix, unit, times, suffix} for a huge body; {@code contentType}, {@code headers} optional),
 * {@code status}, {@code type} and, when the refusal names one, {@code field}.
 */
public final class BadInputCorpus {
    /** Longest problem body we accept: enough for a detail and facts, far less than any echoed input. */
    public static final int MAX_ANSWER = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CASE_KEYS = Set.of("about", "request", "status", "type", "field");
    private static final Set<String> REQUEST_KEYS = Set.of("method", "path", "as", "body", "bodyText", "bodyRepeat", "contentType", "headers");

    private BadInputCorpus() {
    }

    public record Case(String name, JsonNode spec) {
        public JsonNode request() {
            return spec.path("request");
        }

        /** The caller named by {@code as}, {@code none} when it names none. */
        public String caller() {
            return request().path("as").asString("none");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The cases in {@code /bad-input} on the classpath of the test class {@code anchor}, in file name order. */
    public static List<Case> read(Class<?> anchor) {
        try {
            Path folder = Path.of(anchor.getResource("/bad-input").toURI());
            List<Case> cases = new ArrayList<>();
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    cases.add(new Case(file.getFileName().toString(), JSON.readTree(Files.readString(file))));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A case file says what it is about and uses only the keys the harness reads: a typo would silently test less. */
    public static void assertWellFormed(Case c) {
        assertThat(c.spec().path("about").asString("")).as(c.name() + ": an about sentence").isNotBlank();
        assertThat(c.spec().propertyNames()).as(c.name() + ": keys of the case").isSubsetOf(CASE_KEYS);
        assertThat(c.request().propertyNames()).as(c.name() + ": keys of the request").isSubsetOf(REQUEST_KEYS);
        assertThat(c.spec().path("status").asInt()).as(c.name() + ": an error status").isBetween(400, 599);
        assertThat(c.spec().path("type").asString("")).as(c.name() + ": a problem type").startsWith("urn:mcu:problem:");
    }

    /**
     * The case's request, with placeholders resolved by {@code resolve} (in the path, the body, the
     * repeated body's prefix, unit and suffix) and sent as the caller {@code callers} makes of {@code as}
     * (null: no token). The path is sent as written, percent-encoding included.
     */
    public static MockHttpServletRequestBuilder request(Case c, UnaryOperator<String> resolve,
                                                        Function<String, RequestPostProcessor> callers) {
        JsonNode req = c.request();
        MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.request(HttpMethod.valueOf(req.path("method").asString()),
                URI.create(resolve.apply(req.path("path").asString())));
        for (Map.Entry<String, JsonNode> header : req.path("headers").properties()) {
            builder.header(header.getKey(), header.getValue().asString());
        }
        if (req.has("contentType")) {
            builder.contentType(req.path("contentType").asString());
        } else if (req.has("body") || req.has("bodyText") || req.has("bodyRepeat")) {
            builder.contentType("application/json");
        }
        if (req.has("body")) {
            builder.content(resolve.apply(JSON.writeValueAsString(req.path("body"))).getBytes(StandardCharsets.UTF_8));
        } else if (req.has("bodyText")) {
            builder.content(resolve.apply(req.path("bodyText").asString()).getBytes(StandardCharsets.UTF_8));
        } else if (req.has("bodyRepeat")) {
            // A huge body without a huge file: prefix + a unit repeated + suffix.
            JsonNode repeat = req.path("bodyRepeat");
            builder.content((resolve.apply(repeat.path("prefix").asString("")) + resolve.apply(repeat.path("unit").asString())
                    .repeat(repeat.path("times").asInt()) + resolve.apply(repeat.path("suffix").asString(""))).getBytes(StandardCharsets.UTF_8));
        }
        RequestPostProcessor caller = callers.apply(c.caller());
        return caller == null ? builder : builder.with(caller);
    }

    /** What every refusal of the corpus must be; returns the problem for the service's own checks. */
    public static JsonNode assertRefused(Case c, MvcResult result) throws IOException {
        JsonNode spec = c.spec();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(c.name() + ": status; body " + shorten(body)).isEqualTo(spec.path("status").asInt());
        assertThat(result.getResponse().getContentType()).as(c.name() + ": content type; body " + shorten(body))
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("type").asString()).as(c.name() + ": problem type; body " + shorten(body)).isEqualTo(spec.path("type").asString());
        assertThat(problem.path("title").asString()).as(c.name() + ": a title").isNotBlank();
        assertThat(problem.path("status").asInt()).as(c.name() + ": the status in the body").isEqualTo(spec.path("status").asInt());
        if (spec.has("field")) {
            assertThat(problem.path("field").asString()).as(c.name() + ": field; body " + shorten(body)).isEqualTo(spec.path("field").asString());
        }
        assertThat(body.length()).as(c.name() + ": the answer is short, it echoes nothing back").isLessThan(MAX_ANSWER);
        assertThat(body).as(c.name() + ": no SQL or exception text in an answer").doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("insert into").doesNotContain("org.postgresql").doesNotContain("Exception")
                .doesNotContain("\tat ");
        return problem;
    }

    /**
     * Endpoints ({@code METHOD pattern}) of the service's own controllers (package {@code basePackage})
     * that no case calls; {@code resolve} turns a case's path into a concrete one.
     */
    public static List<String> uncovered(RequestMappingHandlerMapping mapping, List<Case> cases, String basePackage,
                                         UnaryOperator<String> resolve) {
        List<String> uncovered = new ArrayList<>();
        PathPatternParser parser = new PathPatternParser();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPathPatternsCondition() == null || !entry.getValue().getBeanType().getPackageName().startsWith(basePackage)) {
                continue;
            }
            for (var pattern : info.getPathPatternsCondition().getPatterns()) {
                var parsed = parser.parse(pattern.getPatternString());
                for (var method : info.getMethodsCondition().getMethods()) {
                    boolean covered = cases.stream().anyMatch(c -> c.request().path("method").asString().equals(method.name())
                            && parsed.matches(PathContainer.parsePath(URI.create(resolve.apply(c.request().path("path").asString())).getRawPath())));
                    if (!covered) {
                        uncovered.add(method + " " + pattern.getPatternString());
                    }
                }
            }
        }
        return uncovered.stream().sorted().toList();
    }

    private static String shorten(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
