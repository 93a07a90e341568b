package ru.mcu.core.message;

import java.time.Instant;

/**
 * A message as a connector, a member of staff or an import file brings it; {@code priority} (one of
 * the template's priorities, or none) selects the deadline policies written for it. The citizen's name and
 * contacts are personal data. {@code closed} is for history only: a case an import brings in already
 * closed, in the final state it reached.
 */
public record Incoming(String channel, String externalId, String externalUrl, Instant receivedAt, Citizen citizen, String text,
                       String territory, String address, Double latitude, Double longitude, String category, String subcategory,
                       String kind, Instant sourceDueAt, Closed closed, String priority) {
    public record Citizen(String name, String phone, String email) {
    }

    /** How a historical case ended: its final state, when, and the answer with its result status if there was one. */
    public record Closed(String state, Instant at, String answer, String resultStatus) {
    }

    public Incoming {
        if (citizen == null) {
            citizen = new Citizen(null, null, null);
        }
    }
}
