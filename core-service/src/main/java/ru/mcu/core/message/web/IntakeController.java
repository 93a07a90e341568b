package ru.mcu.core.message.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.message.Incoming;
import ru.mcu.core.message.Intake;
import ru.mcu.core.message.Messages;
import ru.mcu.core.message.Workflow;
import ru.mcu.core.shared.Actor;
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
        Intake.Outcome outcome = intake.accept(tenants.current(), List.of(message), Caller.connector(token)).getFirst();
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
        List<Intake.Outcome> outcomes = intake.accept(tenants.current(), batch.messages(), Caller.connector(token));
        int created = (int) outcomes.stream().filter(o -> o.status() == Intake.Status.CREATED).count();
        return new Accepted(created, outcomes.size() - created, outcomes);
    }

    /** A step of an outside party on a message known by its channel and external id. */
    @PostMapping("/messages/{channel}/{externalId}/actions/{action}")
    Stepped act(@PathVariable String channel, @PathVariable String externalId, @PathVariable String action,
                @RequestBody(required = false) Workflow.Step step, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Caller.connector(token);
        UUID id = messages.byExternalId(channel, externalId).getId();
        var message = workflow.act(config, id, action, step != null ? step : Workflow.Step.of(null), actor);
        return new Stepped(message.getId(), message.getState(), message.isFinal(), message.getDueAt(), message.getVersion());
    }
}
