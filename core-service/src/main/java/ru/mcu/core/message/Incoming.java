package ru.mcu.core.message;

import java.time.Instant;

/**
 * A message as a connector, a member of staff or an import file brings it. The citizen's name and
 * contacts are personal data.
 */
public record Incoming(String channel, String externalId, String externalUrl, Instant receivedAt, Citizen citizen, String text,
                       String territory, String address, Double latitude, Double longitude, String category, String subcategory,
                       String kind, Instant sourceDueAt) {
    public record Citizen(String name, String phone, String email) {
    }

    public Incoming {
        if (citizen == null) {
            citizen = new Citizen(null, null, null);
        }
    }
}
