package ru.mcu.core.message;

import java.util.UUID;

/** No such message in the caller's municipality: another municipality's message is never revealed. */
public class MessageNotFoundException extends RuntimeException {
    public MessageNotFoundException(UUID id) {
        this(id.toString());
    }

    public MessageNotFoundException(String reference) {
        super("Сообщение " + reference + " не найдено");
    }
}
