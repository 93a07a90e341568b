package ru.mcu.core.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import ru.mcu.core.attachment.AttachmentAdded;
import ru.mcu.core.message.DeadlineRecomputed;
import ru.mcu.core.message.MessagesReceived;
import ru.mcu.core.message.StepTaken;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * What the trail records of messages, as message announces it: every arrival, step and recomputed
 * deadline, and each file added to a message. Listened to synchronously, in the transaction that published it, never after commit: the
 * municipality's chain must commit or vanish with the act it records ({@link AuditTrail#append} requires one).
 */
@Component
class MessageHistory {
    private final AuditTrail trail;

    MessageHistory(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void received(MessagesReceived received) {
        CurrentTenant.requireSame(received.tenant());
        trail.append(received.at(), received.arrivals().stream().map(arrival -> new AuditTrail.Entry(arrival.messageId(), received.actor(),
                received.actorRoles(), arrival.action(), arrival.fromState(), arrival.toState(), null, arrival.details())).toList());
    }

    /** Before the notices the step sends, as the step itself once wrote them. */
    @EventListener
    @Order(0)
    void stepTaken(StepTaken step) {
        CurrentTenant.requireSame(step.tenant());
        trail.append(step.at(), List.of(new AuditTrail.Entry(step.messageId(), step.actor(), step.actorRoles(), step.action(), step.fromState(),
                step.toState(), step.comment(), step.details())));
    }

    /** The file by its id, type, size and checksum; its name is often the citizen's and stays with the file. */
    @EventListener
    void attached(AttachmentAdded added) {
        CurrentTenant.requireSame(added.tenant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attachment", added.attachmentId().toString());
        details.put("type", added.type());
        details.put("size", added.size());
        details.put("sha256", added.sha256());
        trail.append(added.at(), List.of(new AuditTrail.Entry(added.messageId(), added.actor(), added.actorRoles(), "attach", added.state(),
                added.state(), null, details)));
    }

    /** Joined or split off an incident: on the message's own trail, with the incident's id. */
    @EventListener
    void incident(ru.mcu.core.incident.IncidentChanged changed) {
        CurrentTenant.requireSame(changed.tenant());
        trail.append(changed.at(), List.of(new AuditTrail.Entry(changed.messageId(), changed.actor(), changed.actorRoles(),
                changed.joined() ? "incident-join" : "incident-leave", changed.state(), changed.state(), null,
                Map.of("incident", changed.incidentId().toString()))));
    }

    /** Recorded as the calendar's doing, by whoever changed the calendar. */
    @EventListener
    void recomputed(DeadlineRecomputed recomputed) {
        CurrentTenant.requireSame(recomputed.tenant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deadline", recomputed.kind());
        details.put("previousDueAt", recomputed.previousDueAt().toString());
        details.put("dueAt", recomputed.dueAt().toString());
        details.put("trace", recomputed.trace());
        trail.append(recomputed.at(), List.of(new AuditTrail.Entry(recomputed.messageId(), recomputed.actor(), List.of("calendar"),
                "recompute-deadline", recomputed.state(), recomputed.state(), recomputed.reason(), details)));
    }
}
