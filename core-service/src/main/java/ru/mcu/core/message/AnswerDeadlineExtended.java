package ru.mcu.core.message;

import java.time.Instant;
import java.util.UUID;

/**
 * An appeal's answer deadline was extended (59-ФЗ, ст. 12, ч. 2), which the citizen must be told
 * of: the new due date and the reason. Published in the step's transaction.
 */
public record AnswerDeadlineExtended(String tenant, UUID messageId, Instant dueAt, String reason, Instant at) {
}
