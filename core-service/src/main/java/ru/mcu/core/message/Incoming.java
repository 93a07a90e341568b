package ru.mcu.core.message;

import java.time.Instant;
import java.util.List;

/**
 * A message as a connector, a member of staff or an import file brings it; {@code priority} (one of
 * the template's priorities, or none) selects the deadline policies written for it. The citizen's name and
 * contacts are personal data. {@code closed} is for history only: a case an import brings in already
 * closed, in the final state it reached. {@code attachments}: files that come with it (their content base64 in
 * JSON), kept by the attachment module in intake's transaction ({@link AttachmentsArrived}).
 */
public record Incoming(String channel, String externalId, String externalUrl, Instant receivedAt, Citizen citizen, String text,
                       String territory, String address, Double latitude, Double longitude, String category, String subcategory,
                       String kind, Instant sourceDueAt, Closed closed, String priority, List<Attachment> attachments) {
    public record Citizen(String name, String phone, String email) {
    }

    /** How a historical case ended: its final state, when, and the answer with its result status if there was one. */
    public record Closed(String state, Instant at, String answer, String resultStatus) {
    }

    /** A file with the message: its name, the type its sender declares (kept, never trusted), its bytes. */
    public record Attachment(String name, String type, byte[] content) {
    }

    public Incoming {
        if (citizen == null) {
            citizen = new Citizen(null, null, null);
        }
        attachments = attachments == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(attachments));
    }
}
