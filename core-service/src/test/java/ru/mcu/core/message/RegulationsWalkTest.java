package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Every channel of every shipped municipality can carry a message from arrival to a final state of
 * its regulation (the act's own, or the platform's ИМ/ПОС procedure where the act is silent), each
 * step taken through the API by the actor the template names, and the audit trail stays intact.
 */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class RegulationsWalkTest {
    static final String EXECUTOR = "walker-executor";

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantStatuses tenants;
    @Autowired
    Workflow workflow;
    @Autowired
    StringRedisTemplate redis;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"irkutsk-district", "barnaul", "tashtagol", "nyuksenitsa", "ishim"})
    void eachChannelsMessageWalksItsRegulationToTheEnd(String template) throws Exception {
        String tenant = "walk-" + template;
        Municipalities.publish(redis, template, tenant);
        TenantConfiguration config = tenants.configuration(tenant).orElseThrow();
        // The executor is staff with a role that may answer (one granting message.answer where the template has it).
        Set<String> answering = config.rolesWith("message.answer");
        Municipalities.publishStaff(redis, tenant, EXECUTOR + "=" + (answering.isEmpty() ? config.roleCodes() : answering).iterator().next());
        int walked = 0;
        for (TenantConfiguration.Channel channel : config.channels().values()) {
            if (channel.regulation() == null) {
                // Only an analytics integration names no regulation: it brings no messages, and intake says so.
                assertThat(channel.kind()).isEqualTo("analytics-integration");
                mvc.perform(post("/api/intake/messages").with(Municipalities.connector(tenant)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"" + channel.code() + "\",\"receivedAt\":\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                                + "\",\"text\":\"Проверка\"}")).andExpect(status().isUnprocessableEntity())
                        .andExpect(jsonPath("$.type").value("urn:mcu:problem:no-regulation"));
                walked++;
                continue;
            }
            TenantConfiguration.Regulation regulation = config.regulationOf(channel.code()).orElseThrow();
            String body = mvc.perform(post("/api/intake/messages").with(Municipalities.connector(tenant)).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"channel\":\"" + channel.code() + "\",\"externalId\":\"" + UUID.randomUUID() + "\",\"receivedAt\":\""
                            + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS) + "\",\"text\":\"Проверка регламента\",\"sourceDueAt\":\""
                            + Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}"))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            String id = JsonPath.read(body, "$.id");
            String state = JsonPath.read(body, "$.state");
            List<TenantConfiguration.Transition> path = shortestPathToAnEnd(regulation, state);
            assertThat(path).as(template + "/" + channel.code() + ": a final state is reachable from " + state).isNotNull();
            for (TenantConfiguration.Transition step : path) {
                take(tenant, config, regulation, id, step);
            }
            mvc.perform(get("/api/messages/" + id).with(Municipalities.staff(tenant, EXECUTOR)))
                    .andExpect(jsonPath("$.message.isFinal").value(true));
            walked++;
        }
        assertThat(walked).isEqualTo(config.channels().size());
        String verify = mvc.perform(get("/api/audit/verify").with(Municipalities.staff(tenant, "auditor",
                config.rolesWith("report.approve").stream().findFirst().orElse(config.rolesWith("analytics.export").iterator().next()))))
                .andReturn().getResponse().getContentAsString();
        assertThat((Boolean) JsonPath.read(verify, "$.intact")).isTrue();
    }

    void take(String tenant, TenantConfiguration config, TenantConfiguration.Regulation regulation, String id,
              TenantConfiguration.Transition step) throws Exception {
        Map<String, Object> body = new HashMap<>();
        for (String required : step.requires()) {
            switch (required) {
                case "executor" -> body.put("executor", EXECUTOR);
                case "deadline" -> body.put("deadline", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
                case "comment" -> body.put("comment", "Комментарий");
                case "reason" -> body.put("reason", "Причина");
                case "category" -> body.put("category", config.blocks().keySet().iterator().next());
                case "result-status" -> body.put("resultStatus", "resolved");
                case "contact-with-applicant" -> body.put("contactedApplicant", true);
                case "answer" -> body.put("answer", "Текст ответа заявителю");
                case "days" -> body.put("days", 10);
                default -> throw new IllegalStateException(required);
            }
        }
        if (step.action().equals("assign") || step.action().equals("reassign")) {
            body.put("executor", EXECUTOR);
        }
        String json = new tools.jackson.databind.ObjectMapper().writeValueAsString(body);
        switch (step.by()) {
            case "role" -> {
                RequestPostProcessor staff = Municipalities.staff(tenant, "walker-" + step.roles().iterator().next(), step.roles().iterator().next());
                mvc.perform(post("/api/messages/" + id + "/actions/" + step.action()).with(staff).contentType(MediaType.APPLICATION_JSON).content(json))
                        .andExpect(status().isOk()).andExpect(jsonPath("$.state").value(step.to()));
            }
            case "executor" -> mvc.perform(post("/api/messages/" + id + "/actions/" + step.action()).with(Municipalities.staff(tenant, EXECUTOR))
                    .contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isOk()).andExpect(jsonPath("$.state").value(step.to()));
            case "system" -> {
                int window = regulation.satisfaction().map(TenantConfiguration.Satisfaction::windowDays).orElse(1);
                CurrentTenant.call(tenant, () -> workflow.acceptSilent(config, Instant.now().plus(window + 1, ChronoUnit.DAYS)));
            }
            default -> {
                body.put("by", step.by());
                String externalId = JsonPath.read(mvc.perform(get("/api/messages/" + id).with(Municipalities.staff(tenant, EXECUTOR)))
                        .andReturn().getResponse().getContentAsString(), "$.message.externalId");
                String channel = JsonPath.read(mvc.perform(get("/api/messages/" + id).with(Municipalities.staff(tenant, EXECUTOR)))
                        .andReturn().getResponse().getContentAsString(), "$.message.channel");
                mvc.perform(post("/api/intake/messages/" + channel + "/" + externalId + "/actions/" + step.action())
                        .with(Municipalities.connector(tenant)).contentType(MediaType.APPLICATION_JSON)
                        .content(new tools.jackson.databind.ObjectMapper().writeValueAsString(body)))
                        .andExpect(status().isOk()).andExpect(jsonPath("$.state").value(step.to()));
            }
        }
    }

    /** Breadth-first: the fewest steps from a state to any final one. */
    static List<TenantConfiguration.Transition> shortestPathToAnEnd(TenantConfiguration.Regulation regulation, String from) {
        Map<String, TenantConfiguration.Transition> via = new HashMap<>();
        Map<String, String> previous = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
        previous.put(from, null);
        while (!queue.isEmpty()) {
            String state = queue.poll();
            if (regulation.state(state).isFinal()) {
                List<TenantConfiguration.Transition> path = new ArrayList<>();
                for (String s = state; previous.get(s) != null; s = previous.get(s)) {
                    path.addFirst(via.get(s));
                }
                return path;
            }
            for (TenantConfiguration.Transition t : regulation.stepsFrom(state)) {
                if (!"same".equals(t.to()) && !previous.containsKey(t.to())) {
                    previous.put(t.to(), state);
                    via.put(t.to(), t);
                    queue.add(t.to());
                }
            }
        }
        return null;
    }
}
