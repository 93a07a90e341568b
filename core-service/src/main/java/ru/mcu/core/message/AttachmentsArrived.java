package ru.mcu.core.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ru.mcu.core.shared.Actor;

/**
 * Messages taken in came with files: published in intake's transaction, after their rows, so that the
 * attachment module keeps the files or refuses the whole batch (a refusal names the field under
 * {@code field}, e.g. {@code messages[2].attachments[0].content}, and nothing of the batch is written).
 * {@code history}: an import of past cases.
 */
public record AttachmentsArrived(String tenant, Actor actor, boolean history, List<Arrived> messages, Instant at) {
    /** One message's files; {@code field} the path its files' refusals start with ({@code attachments}, or {@code messages[i].attachments}). */
    public record Arrived(UUID messageId, String field, List<Incoming.Attachment> files) {
        public Arrived {
            files = List.copyOf(files);
        }
    }

    public AttachmentsArrived {
        messages = List.copyOf(messages);
    }
}
