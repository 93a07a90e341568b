package ru.mcu.core.message;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Messages were taken in, one batch by one actor (a connector, a member of staff, an import), in
 * intake's transaction: each in the state it reached, by its arrival step ({@code action}: the
 * regulation's, or receive, or import-closed for a case that came in closed).
 */
public record MessagesReceived(String tenant, String actor, List<String> actorRoles, List<Arrival> arrivals, Instant at) {
    public record Arrival(UUID messageId, String action, String fromState, String toState, Map<String, Object> details) {
        public Arrival {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    public MessagesReceived {
        actorRoles = List.copyOf(actorRoles);
        arrivals = List.copyOf(arrivals);
    }
}
