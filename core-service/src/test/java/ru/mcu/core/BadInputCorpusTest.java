package ru.mcu.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.BadInputCorpus;
import ru.mcu.platform.testsupport.BadInputCorpus.Case;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The corpus of bad inputs (src/test/resources/bad-input/, a file per case; the harness is
 * {@link BadInputCorpus}): each request is sent as the caller it names and must be answered with its
 * status and problem type, naming the field where it says so, short (a refusal never echoes the
 * input back) and having written nothing. Every endpoint of the service has at least one case.
 * Placeholders: {@code {message}} (an im message of corpus-tashtagol), {@code {externalId}} (its
 * external id), {@code {random}} (a random UUID), {@code {marker}} (put in every external id and text:
 * no message may carry it afterwards).
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class BadInputCorpusTest {
    static final String TENANT = "corpus-tashtagol";
    static final String OTHER = "corpus-barnaul";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    static String messageId;
    static String externalId;

    @BeforeAll
    static void municipalityWithAMessage(@Autowired StringRedisTemplate redis, @Autowired MockMvc mvc) throws Exception {
        Municipalities.publish(redis, "tashtagol", TENANT);
        Municipalities.publish(redis, "barnaul", OTHER);
        messageId = Municipalities.imMessage(mvc, TENANT, Instant.now().minusSeconds(120), "Корпус: яма на дороге");
        externalId = JsonPath.read(mvc.perform(MockMvcRequestBuilders.get("/api/messages/" + messageId)
                .with(Municipalities.staff(TENANT, "head", "head"))).andReturn().getResponse().getContentAsString(), "$.message.externalId");
    }

    static Stream<Case> cases() {
        return BadInputCorpus.read(BadInputCorpusTest.class).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputIsRefusedWithItsProblem(Case c) throws Exception {
        BadInputCorpus.assertWellFormed(c);
        String marker = "corpus-" + UUID.randomUUID();
        BadInputCorpus.assertRefused(c, mvc.perform(BadInputCorpus.request(c, text -> resolve(text, marker), BadInputCorpusTest::caller))
                .andReturn());
        // Nothing half-written: no message carries the marker the case may have put in its body, no file has it in its name, no incident or roadmap in its title.
        Integer written = CurrentTenant.call(TENANT, () -> tx.execute(status -> jdbc.queryForObject(
                "select (select count(*) from message where external_id like ? or text like ?) + (select count(*) from attachment where name like ?)"
                        + " + (select count(*) from incident where title like ?) + (select count(*) from roadmap where title like ?)",
                Integer.class, marker + "%", "%" + marker + "%", "%" + marker + "%", "%" + marker + "%", "%" + marker + "%")));
        assertThat(written).as(c.name() + ": nothing written").isZero();
    }

    /** Every endpoint of core-service has at least one bad-input case. */
    @Test
    void everyEndpointHasACase(@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        assertThat(BadInputCorpus.uncovered(mapping, cases().toList(), "ru.mcu.core", path -> resolve(path, "x")))
                .as("endpoints without a bad-input case").isEmpty();
    }

    static String resolve(String text, String marker) {
        return text.replace("{message}", messageId == null ? UUID.randomUUID().toString() : messageId)
                .replace("{externalId}", externalId == null ? "x" : externalId)
                .replace("{random}", UUID.randomUUID().toString())
                .replace("{marker}", marker);
    }

    /**
     * «staff:role,role», «foreign-staff:role» (another municipality's), «staff-of-two:role» (a token naming two
     * municipalities), «connector:channel,channel» (none: all channels), «operator», «analyst:region,region» (a regional
     * ЦУР analyst; none: no region in the account), «methodologist», or «none».
     */
    static RequestPostProcessor caller(String as) {
        String[] parts = as.split(":", 2);
        String[] list = parts.length > 1 && !parts[1].isBlank() ? parts[1].split(",") : new String[0];
        return switch (parts[0]) {
            case "staff" -> Municipalities.staff(TENANT, "corpus-user", list);
            case "foreign-staff" -> Municipalities.staff(OTHER, "corpus-foreign", list);
            case "staff-of-two" -> SecurityMockMvcRequestPostProcessors.jwt().jwt(token -> token.claim("preferred_username", "corpus-both")
                            .claim("organization", List.of(TENANT, OTHER)).claim("mcu_roles", List.of(list))
                            .claim("realm_access", Map.of("roles", List.of("municipal-employee"))))
                    .authorities(new SimpleGrantedAuthority("ROLE_municipal-employee"));
            case "connector" -> Municipalities.connector(TENANT, list);
            case "operator" -> Municipalities.regionalOperator();
            case "analyst" -> Municipalities.regionalAnalyst(list);
            case "methodologist" -> Municipalities.federalMethodologist();
            case "none" -> null;
            default -> throw new IllegalArgumentException("unknown caller " + as);
        };
    }
}
