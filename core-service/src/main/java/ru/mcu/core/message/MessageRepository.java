package ru.mcu.core.message;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Hibernate adds the tenant to every query; row-level security checks it again underneath. */
public interface MessageRepository extends JpaRepository<Message, UUID> {
    java.util.Optional<Message> findByChannelAndExternalId(String channel, String externalId);

    java.util.List<Message> findByChannelInAndStateInOrderByReceivedAtAsc(java.util.Collection<String> channels,
            java.util.Collection<String> states, org.springframework.data.domain.Pageable page);
}
