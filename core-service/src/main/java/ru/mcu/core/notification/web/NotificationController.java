package ru.mcu.core.notification.web;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.notification.Notifications;

/** The bell: a person's notices and their roles'. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {
    private final Notifications notifications;
    private final Clock clock;

    NotificationController(Notifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @GetMapping
    List<Notifications.Notice> mine(@RequestParam(defaultValue = "false") boolean unread, @AuthenticationPrincipal Jwt token) {
        return notifications.of(user(token), roles(token), unread);
    }

    @PostMapping("/{id}/read")
    ResponseEntity<Void> read(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return notifications.markRead(id, user(token), roles(token), clock.instant()) ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    private static String user(Jwt token) {
        return String.valueOf(token.getClaimAsString("preferred_username"));
    }

    private static List<String> roles(Jwt token) {
        List<String> roles = token.getClaimAsStringList("mcu_roles");
        return roles == null ? List.of() : roles;
    }
}
