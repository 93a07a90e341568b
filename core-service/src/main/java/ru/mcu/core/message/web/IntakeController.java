package ru.mcu.core.message.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.message.Incoming;
import ru.mcu.core.message.Intake;
import ru.mcu.core.message.Messages;
import ru.mcu.core.message.Workflow;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Connectors;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/**
 * The machine API for channel connectors (ПОС, «Инцидент Менеджмент», regional platforms, the
 * governor's pages, municipal systems), authenticated by the municipality's own client
 * credentials: messages in, one or a batch at a time, and the steps of outside parties (the ЦУР,
 * the source platform, the citizen's comment, a moderator's mark) relayed by external id.
 */
@RestController
@RequestMapping("/api/intake")
class IntakeController {
    record Batch(List<Incoming> messages) {
    }

    record Accepted(int created, int duplicates, List<Intake.Outcome> results) {
    }

    record Stepped(UUID id, String state, boolean isFinal, java.time.Instant dueAt, long version) {
    }

    /** A step the connector's system may take: the action for the path, whose it is, what its body must carry. */
    record OutsideStep(String action, String by, java.util.Set<String> requires) {
    }

    record Waiting(UUID id, String channel, String externalId, java.time.Instant receivedAt, String text, String state,
                   String stateName, long version, List<OutsideStep> steps) {
    }

    private final Intake intake;
    private final Workflow workflow;
    private final TenantStatuses tenants;
    private final Messages messages;

    IntakeController(Intake intake, Workflow workflow, TenantStatuses tenants, Messages messages) {
        this.intake = intake;
        this.workflow = workflow;
        this.tenants = tenants;
        this.messages = messages;
    }

    /** One message: 201 when new, 200 with the same id when it is a retry of one already taken. */
    @PostMapping("/messages")
    ResponseEntity<Intake.Outcome> one(@RequestBody Incoming message, @AuthenticationPrincipal Jwt token) {
        Intake.Outcome outcome = intake.accept(tenants.current(), List.of(message), Connectors.of(token)).getFirst();
        return outcome.status() == Intake.Status.CREATED
                ? ResponseEntity.created(URI.create("/api/messages/" + outcome.id())).body(outcome)
                : ResponseEntity.ok(outcome);
    }

    /** Up to 1,000 messages, taken whole or refused whole. */
    @PostMapping("/messages/batch")
    Accepted batch(@RequestBody Batch batch, @AuthenticationPrincipal Jwt token) {
        if (batch.messages() == null) {
            throw new Refusal(422, "invalid-field", "Поле заполнено неверно", "Нет списка messages").with("field", "messages");
        }
        List<Intake.Outcome> outcomes = intake.accept(tenants.current(), batch.messages(), Connectors.of(token));
        int created = (int) outcomes.stream().filter(o -> o.status() == Intake.Status.CREATED).count();
        return new Accepted(created, outcomes.size() - created, outcomes);
    }

    /**
     * The messages in the connector's channels that wait on a step of the outside party it relays,
     * oldest first, each with the steps it may take now (then POSTed to the path below).
     */
    @GetMapping("/messages/awaiting")
    List<Waiting> awaiting(@RequestParam(defaultValue = "100") int limit, @AuthenticationPrincipal Jwt token) {
        if (limit < 1 || limit > 500) {
            throw new Refusal(400, "invalid-page", "Неверная страница", "limit от 1 до 500").with("field", "limit");
        }
        TenantConfiguration config = tenants.current();
        return workflow.awaitingOutside(config, Connectors.of(token), limit).stream()
                .map(a -> {
                    var m = a.message();
                    String text = m.getText() == null || m.getText().length() <= 300 ? m.getText() : m.getText().substring(0, 300) + "…";
                    return new Waiting(m.getId(), m.getChannel(), m.getExternalId(), m.getReceivedAt(), text, m.getState(), a.stateName(),
                            m.getVersion(), a.steps().stream().map(t -> new OutsideStep(t.action(), t.by(), t.requires())).toList());
                }).toList();
    }

    /** A step of an outside party on a message known by its channel and external id. */
    @PostMapping("/messages/{channel}/{externalId}/actions/{action}")
    Stepped act(@PathVariable String channel, @PathVariable String externalId, @PathVariable String action,
                @RequestBody(required = false) Workflow.Step step, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Connectors.of(token);
        UUID id = messages.byExternalId(channel, externalId).getId();
        var message = workflow.act(config, id, action, step != null ? step : Workflow.Step.of(null), actor);
        return new Stepped(message.getId(), message.getState(), message.isFinal(), message.getDueAt(), message.getVersion());
    }
}
