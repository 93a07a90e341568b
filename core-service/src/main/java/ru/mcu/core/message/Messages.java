package ru.mcu.core.message;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The municipality's messages: the verbs staff use on them. */
@Service
public class Messages {
    private final MessageRepository repository;
    private final Clock clock;

    Messages(MessageRepository repository) {
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public Message register(String text, String author) {
        return repository.save(new Message(text, author, clock.instant()));
    }

    @Transactional(readOnly = true)
    public Message get(UUID id) {
        return repository.findById(id).orElseThrow(() -> new MessageNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public List<Message> latest() {
        return repository.findTop100ByOrderByCreatedAtDesc();
    }

    @Transactional
    public Message edit(UUID id, String text) {
        Message message = get(id);
        message.edit(text);
        return message;
    }
}
