package ru.mcu.core.message;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/** The machine API as a connector uses it: retries, batches, and every kind of bad input answered with a problem detail. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class IntakeApiTest {
    static final String TENANT = "intake-barnaul";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "barnaul", TENANT);
    }

    ResultActions push(String json) throws Exception {
        return mvc.perform(post("/api/intake/messages").with(Municipalities.connector(TENANT, "pos", "im"))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    static String message(String externalId, String text) {
        return "{\"channel\":\"pos\",\"externalId\":\"" + externalId + "\",\"receivedAt\":\"" + Instant.now().minusSeconds(30)
                .truncatedTo(ChronoUnit.SECONDS) + "\",\"text\":\"" + text + "\",\"sourceDueAt\":\"" + Instant.now().plus(3, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS) + "\"}";
    }

    long rows(String sql, Object... args) throws Exception {
        return CurrentTenant.call(TENANT, () -> tx.execute(s -> jdbc.queryForObject(sql, Long.class, args)));
    }

    @Test
    void aRetriedMessageIsTakenOnceAndTheRetryGetsTheSameId() throws Exception {
        String body = message("pos-" + UUID.randomUUID(), "Сломана лавочка в сквере");
        String first = JsonPath.read(push(body).andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("CREATED"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        push(body).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DUPLICATE")).andExpect(jsonPath("$.id").value(first));
        org.assertj.core.api.Assertions.assertThat(rows("select count(*) from message where id = ?", UUID.fromString(first))).isOne();
        org.assertj.core.api.Assertions.assertThat(rows("select count(*) from audit_entry where message_id = ?", UUID.fromString(first)))
                .as("one audit entry: the retry wrote nothing").isOne();
    }

    @Test
    void theSameExternalIdWithOtherContentIsAConflict() throws Exception {
        String externalId = "pos-" + UUID.randomUUID();
        push(message(externalId, "Первое")).andExpect(status().isCreated());
        push(message(externalId, "Совсем другое")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:mcu:problem:external-id-reused"))
                .andExpect(jsonPath("$.field").value("externalId"));
    }

    @Test
    void aBatchIsTakenWholeAndReportsEachMessage() throws Exception {
        // The same text once: message() reads the clock, and a second passing between two calls would make it another message.
        String known = message("pos-" + UUID.randomUUID(), "Уже было");
        push(known).andExpect(status().isCreated());
        String batch = "{\"messages\":[" + known + "," + message("pos-" + UUID.randomUUID(), "Новое 1") + ","
                + message("pos-" + UUID.randomUUID(), "Новое 2") + "]}";
        mvc.perform(post("/api/intake/messages/batch").with(Municipalities.connector(TENANT, "pos")).contentType(MediaType.APPLICATION_JSON)
                        .content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.results", hasSize(3)))
                .andExpect(jsonPath("$.results[0].status").value("DUPLICATE"));
    }

    @Test
    void oneBadMessageRefusesTheWholeBatchAndWritesNothing() throws Exception {
        String good = "pos-" + UUID.randomUUID();
        String batch = "{\"messages\":[" + message(good, "Хорошее") + "," + message("pos-" + UUID.randomUUID(), "") + "]}";
        mvc.perform(post("/api/intake/messages/batch").with(Municipalities.connector(TENANT, "pos")).contentType(MediaType.APPLICATION_JSON)
                        .content(batch))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("messages[1].text"));
        org.assertj.core.api.Assertions.assertThat(rows("select count(*) from message where external_id = ?", good)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown channel          | {"channel":"fax","text":"т","receivedAt":"2026-01-12T05:00:00Z"}                                  | 422 | urn:mcu:problem:unknown-channel | channel
            unknown category         | {"channel":"pos","text":"т","receivedAt":"2026-01-12T05:00:00Z","category":"bananas"}             | 422 | urn:mcu:problem:unknown-category | category
            received in the future   | {"channel":"pos","text":"т","receivedAt":"2099-01-01T00:00:00Z"}                                  | 422 | urn:mcu:problem:invalid-field | receivedAt
            no received-at           | {"channel":"pos","text":"т"}                                                                       | 422 | urn:mcu:problem:invalid-field | receivedAt
            empty text               | {"channel":"pos","text":"","receivedAt":"2026-01-12T05:00:00Z"}                                   | 422 | urn:mcu:problem:invalid-field | text
            only spaces              | {"channel":"pos","text":"  ","receivedAt":"2026-01-12T05:00:00Z"}                                 | 422 | urn:mcu:problem:invalid-text | text
            bad kind                 | {"channel":"pos","text":"т","receivedAt":"2026-01-12T05:00:00Z","kind":"letter"}                  | 422 | urn:mcu:problem:invalid-field | kind
            bad e-mail               | {"channel":"pos","text":"т","receivedAt":"2026-01-12T05:00:00Z","citizen":{"email":"нет"}}        | 422 | urn:mcu:problem:invalid-field | citizen.email
            latitude without longitude | {"channel":"pos","text":"т","receivedAt":"2026-01-12T05:00:00Z","latitude":53.3}                | 422 | urn:mcu:problem:invalid-field | latitude
            date that is not a date  | {"channel":"pos","text":"т","receivedAt":"вчера"}                                                 | 400 | urn:mcu:problem:malformed-body | receivedAt
            latitude that is text    | {"channel":"pos","text":"т","receivedAt":"2026-01-12T05:00:00Z","latitude":"север"}               | 400 | urn:mcu:problem:malformed-body | latitude
            channel not granted      | {"channel":"messengers","text":"т","receivedAt":"2026-01-12T05:00:00Z"}                           | 403 | urn:mcu:problem:channel-not-granted | channel
            """)
    void badInputIsAProblemDetailThatNamesTheField(String name, String json, int status, String type, String field) throws Exception {
        push(json).andExpect(status().is(status)).andExpect(jsonPath("$.type").value(type)).andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void oversizedTextAndMalformedJsonAreRefused() throws Exception {
        push("{\"channel\":\"pos\",\"receivedAt\":\"2026-01-12T05:00:00Z\",\"text\":\"" + "я".repeat(10_001) + "\"}")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("text"))
                .andExpect(jsonPath("$.detail", containsString("10000")));
        push("{\"channel\":").andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:mcu:problem:malformed-body"));
    }

    @Test
    void staffTokensCannotUseTheMachineApiAndConnectorTokensCannotUseTheStaffApi() throws Exception {
        mvc.perform(post("/api/intake/messages").with(Municipalities.staff(TENANT, "staff", "staff")).contentType(MediaType.APPLICATION_JSON)
                .content(message("x-" + UUID.randomUUID(), "т"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/messages").with(Municipalities.connector(TENANT, "pos"))).andExpect(status().isForbidden());
    }
}
