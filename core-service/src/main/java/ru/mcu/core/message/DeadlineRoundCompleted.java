package ru.mcu.core.message;

import java.time.Instant;

/**
 * The deadline watch finished its round of one municipality, after its transaction committed: what
 * the round and the steps since the last one left to be sent may go out now.
 */
public record DeadlineRoundCompleted(String tenant, Instant at) {
}
