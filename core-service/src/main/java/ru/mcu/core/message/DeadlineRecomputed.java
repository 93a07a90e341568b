package ru.mcu.core.message;

import java.time.Instant;
import java.util.UUID;

/**
 * An open deadline of a message moved because the municipality's calendar changed: its kind, the due
 * date it had and the one it has now with its trace, the message's state, and who changed the
 * calendar and why. Published in the calendar change's transaction.
 */
public record DeadlineRecomputed(String tenant, UUID messageId, String kind, Instant previousDueAt, Instant dueAt, String trace,
                                 String state, String reason, String actor, Instant at) {
}
