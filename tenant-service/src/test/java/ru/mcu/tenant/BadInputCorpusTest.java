package ru.mcu.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.BadInputCorpus;
import ru.mcu.platform.testsupport.BadInputCorpus.Case;
import ru.mcu.platform.testsupport.RealServers;

/**
 * tenant-service's corpus of bad inputs (src/test/resources/bad-input/, a file per case; the harness
 * is {@link BadInputCorpus}): each is refused with its problem before anything is written and before
 * Keycloak is asked anything, so the corpus needs no Keycloak. Placeholders: {@code {active}} (an
 * ACTIVE municipality with a configuration), {@code {failed}} (one whose onboarding failed before its
 * configuration), {@code {random}} (a slug nobody has), {@code {marker}} (a fresh slug: no municipality
 * may have it afterwards).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class BadInputCorpusTest {
    static final String ACTIVE = "corpus-active";
    static final String FAILED = "corpus-failed";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void municipalities(@Autowired JdbcTemplate jdbc, @Autowired TransactionTemplate tx) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into tenant (id, name, region, status, created_at, admin_email, template_code, template_version, updated_at) "
                + "values (?, 'Корпус: работающий', 'Кемеровская область – Кузбасс', 'ACTIVE', ?, 'admin@corpus.example', 'corpus', 1, ?) "
                + "on conflict do nothing", ACTIVE, now, now);
        jdbc.update("insert into tenant (id, name, region, status, created_at, admin_email, failure, updated_at) "
                + "values (?, 'Корпус: не подключён', 'Кемеровская область – Кузбасс', 'FAILED', ?, 'admin@corpus.example', "
                + "'Организация: Keycloak недоступен', ?) on conflict do nothing", FAILED, now, now);
        // The configuration is the municipality's own data: written as the municipality (row-level security).
        CurrentTenant.call(ACTIVE, () -> tx.execute(status -> jdbc.update("insert into tenant_configuration (tenant_id, version, "
                + "template_code, template_version, sha256, config, applied_by, applied_at) values (?, 1, 'corpus', 1, 'x', "
                + "'{\"channels\": [{\"code\": \"im\"}, {\"code\": \"pos\"}], \"roles\": [{\"code\": \"head\", \"permissions\": [\"tenant.admin\"]}, "
                + "{\"code\": \"clerk\", \"permissions\": [\"message.view\"]}]}'::jsonb, 'corpus', ?) on conflict do nothing", ACTIVE, now)));
    }

    static Stream<Case> cases() {
        return BadInputCorpus.read(BadInputCorpusTest.class).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputIsRefusedWithItsProblem(Case c) throws Exception {
        BadInputCorpus.assertWellFormed(c);
        String marker = slug();
        BadInputCorpus.assertRefused(c, mvc.perform(BadInputCorpus.request(c, text -> resolve(text, marker), BadInputCorpusTest::caller))
                .andReturn());
        // Nothing half-made: no municipality, and no onboarding step, under the slug the case may have asked for.
        assertThat(jdbc.queryForObject("select count(*) from tenant where id = ?", Integer.class, marker)).as(c.name() + ": nothing written")
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from onboarding_step where tenant_id = ?", Integer.class, marker))
                .as(c.name() + ": no onboarding step").isZero();
    }

    /** Every endpoint of tenant-service has at least one bad-input case. */
    @Test
    void everyEndpointHasACase(@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        assertThat(BadInputCorpus.uncovered(mapping, cases().toList(), "ru.mcu.tenant", path -> resolve(path, "x")))
                .as("endpoints without a bad-input case").isEmpty();
    }

    static String slug() {
        return "corpus-" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 6);
    }

    static String resolve(String text, String marker) {
        return text.replace("{active}", ACTIVE).replace("{failed}", FAILED).replace("{random}", slug()).replace("{marker}", marker);
    }

    /**
     * «operator» (regional-operator), «analyst» (regional-analyst), «staff» (a municipal employee of {active} with no role),
     * «admin» (its head, whose role grants tenant.admin), or «none».
     */
    static RequestPostProcessor caller(String as) {
        return switch (as) {
            case "operator" -> TenantApiTest.user("corpus-operator", List.of(), "regional-operator");
            case "analyst" -> TenantApiTest.user("corpus-analyst", List.of(), "regional-analyst");
            case "staff" -> TenantApiTest.user("corpus-staff", List.of(ACTIVE), "municipal-employee");
            case "admin" -> Tokens.staff(ACTIVE, "corpus-admin", "head");
            case "none" -> null;
            default -> throw new IllegalArgumentException("unknown caller " + as);
        };
    }
}
