package ru.mcu.core.message;

import java.time.Instant;
import java.util.UUID;

/** The deadline watch found a message's nearest deadline passed while it is still open, in its round's transaction. */
public record DeadlinePassed(String tenant, UUID messageId, Instant dueAt, Instant at) {
}
