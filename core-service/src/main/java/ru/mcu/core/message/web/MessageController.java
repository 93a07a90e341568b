package ru.mcu.core.message.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.message.Message;
import ru.mcu.core.message.Messages;

@RestController
@RequestMapping("/api/messages")
class MessageController {
    record MessageText(@NotBlank @Size(max = 10_000) String text) {
    }

    record MessageView(UUID id, String text, Instant createdAt, String createdBy) {
        static MessageView of(Message message) {
            return new MessageView(message.getId(), message.getText(), message.getCreatedAt(), message.getCreatedBy());
        }
    }

    private final Messages messages;

    MessageController(Messages messages) {
        this.messages = messages;
    }

    @PostMapping
    ResponseEntity<MessageView> register(@Valid @RequestBody MessageText body, @AuthenticationPrincipal Jwt user) {
        Message message = messages.register(body.text(), user.getClaimAsString("preferred_username"));
        return ResponseEntity.created(URI.create("/api/messages/" + message.getId())).body(MessageView.of(message));
    }

    @GetMapping
    List<MessageView> latest() {
        return messages.latest().stream().map(MessageView::of).toList();
    }

    @GetMapping("/{id}")
    MessageView get(@PathVariable UUID id) {
        return MessageView.of(messages.get(id));
    }

    @PutMapping("/{id}")
    MessageView edit(@PathVariable UUID id, @Valid @RequestBody MessageText body) {
        return MessageView.of(messages.edit(id, body.text()));
    }
}
