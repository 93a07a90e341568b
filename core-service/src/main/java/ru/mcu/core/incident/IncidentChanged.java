package ru.mcu.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message joined an incident or left it (split off, or the incident dissolved); the audit trail records it on the message. */
public record IncidentChanged(String tenant, UUID messageId, UUID incidentId, boolean joined, String actor, List<String> actorRoles, String state,
                              Instant at) {
    public IncidentChanged {
        actorRoles = List.copyOf(actorRoles);
    }
}
