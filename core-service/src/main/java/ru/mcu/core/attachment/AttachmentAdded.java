package ru.mcu.core.attachment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A file was added to a message: published in the adding transaction, so the message's history records
 * it or nothing is added. The file's name is not in it: names are often the citizen's (personal data).
 */
public record AttachmentAdded(String tenant, UUID messageId, UUID attachmentId, String type, long size, String sha256, String actor,
                              List<String> actorRoles, String state, Instant at) {
    public AttachmentAdded {
        actorRoles = List.copyOf(actorRoles);
    }
}
