package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import ru.mcu.core.Municipalities;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.stack.Net;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Notices of an assignment and of an overdue item, in the application and by e-mail through the
 * municipality's own SMTP server (a real SMTP server on 127.0.0.1 here); another municipality's
 * notices never go through it.
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class NotificationMailTest {
    static final String A = "mail-tashtagol";
    static final String B = "mail-other";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Net.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    MockMvc mvc;
    @Autowired
    DeadlineWatch watch;
    @Autowired
    TenantStatuses tenants;

    @BeforeAll
    static void publish(@Autowired StringRedisTemplate redis) {
        Municipalities.publish(redis, "tashtagol", A);
        Municipalities.publish(redis, "tashtagol", B);
        Municipalities.publishStaff(redis, A, "ispolnitel-mail=executor");
    }

    int round(String tenant, Instant at) throws Exception {
        return CurrentTenant.call(tenant, () -> watch.roundOf(tenants.configuration(tenant).orElseThrow(), at));
    }

    @Test
    void assignmentAndOverdueReachTheExecutorByMailThroughTheMunicipalitysServer() throws Exception {
        var admin = Municipalities.staff(A, "rukovoditel", "head");
        mvc.perform(put("/api/notifications/mail-server").with(Municipalities.staff(A, "ex", "executor")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"host\":\"127.0.0.1\",\"port\":25,\"from\":\"x@y.z\"}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/notifications/mail-server").with(admin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"host\":\"127.0.0.1\",\"port\":70000,\"from\":\"mcu@tashtagol.example\"}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("port"));
        mvc.perform(put("/api/notifications/mail-server").with(admin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"host\":\"127.0.0.1\",\"port\":" + smtp.getSmtp().getPort() + ",\"from\":\"mcu@tashtagol.example\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.host").value("127.0.0.1"));
        mvc.perform(get("/api/notifications/mail-server").with(Municipalities.staff(B, "rukovoditel", "head")))
                .andExpect(status().isNotFound());

        // The executor signs in once: the platform learns their address from the token.
        var executor = Municipalities.staffWithEmail(A, "ispolnitel-mail", "ispolnitel@tashtagol.example", "executor");
        mvc.perform(get("/api/notifications").with(executor)).andExpect(status().isOk());

        var responsible = Municipalities.staff(A, "otv", "im-responsible");
        String id = Municipalities.imMessage(mvc, A, Instant.now().minusSeconds(5), "Открыт люк");
        mvc.perform(post("/api/messages/" + id + "/actions/take-into-work").with(responsible).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk());
        Instant due = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        mvc.perform(post("/api/messages/" + id + "/actions/assign").with(responsible).contentType(MediaType.APPLICATION_JSON)
                .content("{\"executor\":\"ispolnitel-mail\",\"deadline\":\"" + due + "\"}")).andExpect(status().isOk());
        mvc.perform(get("/api/notifications").param("unread", "true").with(executor))
                .andExpect(jsonPath("$[*].subject", hasItem("Вам назначено сообщение")));

        round(A, Instant.now());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(Arrays.stream(received).map(m -> subject(m)).toList()).contains("МЦУ: Вам назначено сообщение", "МЦУ: Срок истекает");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ispolnitel@tashtagol.example");
        assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();

        // Past the due date: the overdue notice, once, to the executor by mail and to the responsible role in the bell.
        int before = smtp.getReceivedMessages().length;
        round(A, due.plusSeconds(60));
        round(A, due.plusSeconds(120));
        assertThat(Arrays.stream(smtp.getReceivedMessages()).skip(before).map(m -> subject(m)).toList()).containsExactly("МЦУ: Срок истёк");
        mvc.perform(get("/api/notifications").with(responsible)).andExpect(jsonPath("$[?(@.messageId == '" + id + "')].subject", hasItem("Срок истёк")));

        // Municipality B's round sends nothing through A's server, and B's staff see none of A's notices.
        int total = smtp.getReceivedMessages().length;
        round(B, due.plusSeconds(180));
        assertThat(smtp.getReceivedMessages()).hasSize(total);
        mvc.perform(get("/api/notifications").with(Municipalities.staff(B, "otv", "im-responsible")))
                .andExpect(jsonPath("$[*].messageId", org.hamcrest.Matchers.not(hasItem(id))));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
