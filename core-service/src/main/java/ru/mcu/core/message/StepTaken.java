package ru.mcu.core.message;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A step was taken on a message: one of its regulation's (assign, answer, accept…), or its clock
 * paused or resumed. Published inside the step's transaction; the audit trail records it there and
 * notices go to whoever must act next, so both commit or vanish with the step.
 * {@code details} keeps its order: the audit trail shows it as written.
 */
public record StepTaken(String tenant, UUID messageId, String action, String actor, List<String> actorRoles, String fromState,
                        String toState, String comment, Map<String, Object> details, Instant at) {
    public StepTaken {
        actorRoles = List.copyOf(actorRoles);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
