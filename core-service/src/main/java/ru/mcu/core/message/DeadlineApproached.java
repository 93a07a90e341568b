package ru.mcu.core.message;

import java.time.Instant;
import java.util.UUID;

/** The deadline watch found a message's nearest deadline drawing near ({@link MessageSearch#AT_RISK}), in its round's transaction. */
public record DeadlineApproached(String tenant, UUID messageId, Instant dueAt, Instant at) {
}
