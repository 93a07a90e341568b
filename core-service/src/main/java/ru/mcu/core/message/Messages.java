package ru.mcu.core.message;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The municipality's messages as a whole: one by id, many by id, in the caller's municipality only. */
@Service
public class Messages {
    private final MessageRepository repository;
    private final Clock clock;

    Messages(MessageRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Message get(UUID id) {
        return repository.findById(id).orElseThrow(() -> new MessageNotFoundException(id));
    }

    /** The message, if the actor may see it; another's is not found, as if it did not exist. */
    @Transactional(readOnly = true)
    public Message visible(UUID id, ru.mcu.core.shared.Actor actor, ru.mcu.core.tenant.TenantConfiguration config) {
        Message message = get(id);
        if (!message.visibleTo(actor, config)) {
            throw new MessageNotFoundException(id);
        }
        return message;
    }

    /** A message as its source platform knows it: by channel and external id. */
    @Transactional(readOnly = true)
    public Message byExternalId(String channel, String externalId) {
        return repository.findByChannelAndExternalId(channel, externalId)
                .orElseThrow(() -> new MessageNotFoundException(channel + "/" + externalId));
    }

    /** In the order asked for; ids of other municipalities simply are not found. */
    @Transactional(readOnly = true)
    public List<Message> all(List<UUID> ids) {
        var byId = new java.util.HashMap<UUID, Message>();
        repository.findAllById(ids).forEach(m -> byId.put(m.getId(), m));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public Clock clock() {
        return clock;
    }
}
