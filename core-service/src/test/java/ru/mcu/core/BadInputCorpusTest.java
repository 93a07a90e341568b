package ru.mcu.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The corpus of bad inputs (src/test/resources/bad-input/, a file per case): each request is sent
 * as the caller it names and must be answered with its status and problem type, naming the field
 * where it says so, short (a refusal never echoes the input back) and having written nothing.
 * Every endpoint of the service has at least one case.
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class BadInputCorpusTest {
    static final String TENANT = "corpus-tashtagol";
    static final String OTHER = "corpus-barnaul";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Longest problem body we accept: enough for a detail and facts, far less than any echoed input. */
    static final int MAX_ANSWER = 4096;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    static String messageId;
    static String externalId;

    @BeforeAll
    static void municipalityWithAMessage(@Autowired StringRedisTemplate redis, @Autowired MockMvc mvc) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "barnaul", OTHER);
        messageId = Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(120), "Корпус: яма на дороге");
        externalId = JsonPath.read(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/messages/" + messageId)
                .with(Municipalities.staff(TENANT, "head", "head"))).andReturn().getResponse().getContentAsString(), "$.message.externalId");
    }

    record Case(String name, JsonNode spec) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
        List<Case> cases = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                cases.add(new Case(file.getFileName().toString(), JSON.readTree(Files.readString(file))));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputIsRefusedWithItsProblem(Case c) throws Exception {
        JsonNode spec = c.spec();
        JsonNode req = spec.path("request");
        String marker = "corpus-" + UUID.randomUUID();
        MvcResult result = mvc.perform(build(req, marker)).andReturn();
        String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(c.name() + ": status; body " + body).isEqualTo(spec.path("status").asInt());
        assertThat(result.getResponse().getContentType()).as(c.name() + ": content type").startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("type").asString()).as(c.name() + ": problem type; body " + body).isEqualTo(spec.path("type").asString());
        assertThat(problem.path("title").asString()).as(c.name() + ": a title").isNotBlank();
        if (spec.has("field")) {
            assertThat(problem.path("field").asString()).as(c.name() + ": field; body " + body).isEqualTo(spec.path("field").asString());
        }
        assertThat(body.length()).as(c.name() + ": the answer is short, it echoes nothing back").isLessThan(MAX_ANSWER);
        assertThat(body).as(c.name() + ": no SQL in an answer").doesNotContainIgnoringCase("select ").doesNotContainIgnoringCase("insert into")
                .doesNotContain("org.postgresql").doesNotContain("Exception");
        // Nothing half-written: no message carries the marker the case may have put in its body.
        Integer written = CurrentTenant.call(TENANT, () -> tx.execute(status -> jdbc.queryForObject(
                "select count(*) from message where external_id like ? or text like ?", Integer.class, marker + "%", "%" + marker + "%")));
        assertThat(written).as(c.name() + ": nothing written").isZero();
    }

    /** Every endpoint of core-service has at least one bad-input case. */
    @Test
    void everyEndpointHasACase(@Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) throws Exception {
        List<Case> all = cases().toList();
        List<String> uncovered = new ArrayList<>();
        PathPatternParser parser = new PathPatternParser();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPathPatternsCondition() == null || !entry.getValue().getBeanType().getPackageName().startsWith("ru.mcu")) {
                continue;
            }
            for (var pattern : info.getPathPatternsCondition().getPatterns()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    boolean covered = all.stream().anyMatch(c -> c.spec().path("request").path("method").asString().equals(method.name())
                            && parser.parse(pattern.getPatternString()).matches(org.springframework.http.server.PathContainer.parsePath(
                            resolve(c.spec().path("request").path("path").asString(), "x"))));
                    if (!covered) {
                        uncovered.add(method + " " + pattern.getPatternString());
                    }
                }
            }
        }
        assertThat(uncovered).as("endpoints without a bad-input case").isEmpty();
    }

    static String resolve(String path, String marker) {
        return path.replace("{message}", messageId == null ? UUID.randomUUID().toString() : messageId)
                .replace("{externalId}", externalId == null ? "x" : externalId)
                .replace("{random}", UUID.randomUUID().toString())
                .replace("{marker}", marker);
    }

    MockHttpServletRequestBuilder build(JsonNode req, String marker) throws Exception {
        // The path is sent as written (percent-encoding included), not expanded as a URI template.
        MockHttpServletRequestBuilder builder = request(HttpMethod.valueOf(req.path("method").asString()),
                java.net.URI.create(resolve(req.path("path").asString(), marker)));
        for (var header : req.path("headers").properties()) {
            builder.header(header.getKey(), header.getValue().asString());
        }
        if (req.has("contentType")) {
            builder.contentType(req.path("contentType").asString());
        } else if (req.has("body") || req.has("bodyText") || req.has("bodyRepeat")) {
            builder.contentType("application/json");
        }
        if (req.has("body")) {
            builder.content(resolve(JSON.writeValueAsString(req.path("body")), marker));
        } else if (req.has("bodyText")) {
            builder.content(resolve(req.path("bodyText").asString(), marker));
        } else if (req.has("bodyRepeat")) {
            // A huge body without a huge file: prefix + a string repeated + suffix.
            JsonNode repeat = req.path("bodyRepeat");
            builder.content(resolve(repeat.path("prefix").asString(""), marker) + repeat.path("unit").asString().repeat(repeat.path("times").asInt())
                    + repeat.path("suffix").asString(""));
        }
        RequestPostProcessor caller = caller(req.path("as").asString("none"));
        return caller == null ? builder : builder.with(caller);
    }

    /** «staff:role,role», «connector:channel,channel» (none: all channels), «operator», «foreign-staff:role», or «none». */
    static RequestPostProcessor caller(String as) {
        String[] parts = as.split(":", 2);
        String[] list = parts.length > 1 && !parts[1].isBlank() ? parts[1].split(",") : new String[0];
        return switch (parts[0]) {
            case "staff" -> Municipalities.staff(TENANT, "corpus-user", list);
            case "foreign-staff" -> Municipalities.staff(OTHER, "corpus-foreign", list);
            case "connector" -> Municipalities.connector(TENANT, list);
            case "operator" -> org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt()
                    .jwt(token -> token.claim("preferred_username", "operator").claim("realm_access", Map.of("roles", List.of("regional-operator"))))
                    .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_regional-operator"));
            case "none" -> null;
            default -> throw new IllegalArgumentException("unknown caller " + as);
        };
    }
}
