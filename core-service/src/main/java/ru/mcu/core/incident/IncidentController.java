package ru.mcu.core.incident;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.message.Messages;
import ru.mcu.core.message.Workflow;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/** Incidents: messages confirmed as one problem, grouped and split by those who distribute messages, stepped through once. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {
    record NewIncident(String title, List<UUID> messages) {
    }

    private final Incidents incidents;
    private final Messages messages;
    private final TenantStatuses tenants;

    IncidentController(Incidents incidents, Messages messages, TenantStatuses tenants) {
        this.incidents = incidents;
        this.messages = messages;
        this.tenants = tenants;
    }

    @PostMapping
    ResponseEntity<Incidents.Incident> create(@RequestBody(required = false) NewIncident body, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = grouping(token, config);
        if (body == null || body.messages() == null) {
            throw Refusal.invalid("messages", "Укажите сообщения инцидента (messages: их идентификаторы)");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(incidents.create(config, actor, body.title(), body.messages()));
    }

    /** The incident a message is in: none or one. */
    @GetMapping
    List<Incidents.Incident> ofMessage(@RequestParam UUID message, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        messages.visible(message, actor, config);
        return incidents.of(config, message, actor).stream().toList();
    }

    @GetMapping("/{id}")
    Incidents.Incident get(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        return incidents.get(config, id, Staff.of(token, config));
    }

    @PostMapping("/{id}/messages/{messageId}")
    Incidents.Incident add(@PathVariable UUID id, @PathVariable UUID messageId, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        return incidents.add(config, grouping(token, config), id, messageId);
    }

    /** Split off: the incident without the message, or 204 when one message was left and it is no incident any more. */
    @DeleteMapping("/{id}/messages/{messageId}")
    ResponseEntity<Incidents.Incident> remove(@PathVariable UUID id, @PathVariable UUID messageId, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        return incidents.remove(config, grouping(token, config), id, messageId).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** The step on every message of the incident that offers it now (the body as for one message's step, without its version). */
    @PostMapping("/{id}/actions/{action}")
    Incidents.IncidentStep act(@PathVariable UUID id, @PathVariable String action, @RequestBody(required = false) Workflow.Step step,
                          @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        Workflow.Step given = step != null ? step : Workflow.Step.of(null);
        if (given.by() != null) {
            throw Refusal.invalid("by", "Шаги внешних участников (by) передаются только через машинный API подключений");
        }
        return incidents.act(config, actor, id, action, given);
    }

    private static Actor grouping(Jwt token, TenantConfiguration config) {
        Staff.requireAny(token, config, Set.of(Incidents.PERMISSION), "Объединяют сообщения в инцидент и разделяют его роли с правом "
                + Incidents.PERMISSION + " (распределяющие сообщения исполнителям)");
        return Staff.of(token, config);
    }
}
