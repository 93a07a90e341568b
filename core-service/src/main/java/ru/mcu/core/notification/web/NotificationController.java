package ru.mcu.core.notification.web;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.notification.Notifications;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.PlatformToken;

/** The bell (a person's notices and their roles'), and the municipality's SMTP server for its administrator. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.-]{1,253}$|^\\[?[0-9a-fA-F:.]+]?$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final Notifications notifications;
    private final TenantStatuses tenants;
    private final Clock clock;

    NotificationController(Notifications notifications, TenantStatuses tenants, Clock clock) {
        this.notifications = notifications;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping
    List<Notifications.Notice> mine(@RequestParam(defaultValue = "false") boolean unread, @AuthenticationPrincipal Jwt token) {
        return notifications.of(PlatformToken.username(token), PlatformToken.municipalRoles(token), unread);
    }

    /** 404 also for a notice already read or someone else's: the caller learns nothing of others' notices. */
    @PostMapping("/{id}/read")
    ResponseEntity<Void> read(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        if (!notifications.markRead(id, PlatformToken.username(token), PlatformToken.municipalRoles(token), clock.instant())) {
            throw new Refusal(404, "notification-not-found", "Уведомление не найдено", "Непрочитанного уведомления " + id + " для вас нет");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/mail-server")
    Notifications.MailServer mailServer(@AuthenticationPrincipal Jwt token) {
        requireAdmin(token);
        return notifications.mailServer().orElseThrow(() -> new Refusal(404, "mail-server-not-configured", "Почтовый сервер не настроен",
                "SMTP-сервер муниципалитета ещё не задан: задайте его (PUT /api/notifications/mail-server)"));
    }

    @PutMapping("/mail-server")
    Notifications.MailServer setMailServer(@RequestBody Notifications.MailServer server, @AuthenticationPrincipal Jwt token) {
        requireAdmin(token);
        check(server.host() != null && HOST.matcher(server.host()).matches(), "host", "Имя или адрес SMTP-сервера неверны");
        check(server.port() >= 1 && server.port() <= 65535, "port", "Порт — число от 1 до 65535");
        check(server.from() != null && server.from().length() <= 300 && EMAIL.matcher(server.from()).matches(), "from",
                "Адрес отправителя неверен");
        // The columns are unbounded text: without these a megabyte login would be stored and sent to the SMTP server.
        check(server.username() == null || server.username().length() <= 300, "username", "Имя пользователя длиннее 300 символов");
        check(server.password() == null || server.password().length() <= 1000, "password", "Пароль длиннее 1000 символов");
        check(server.password() == null || server.username() != null, "username", "Пароль без имени пользователя");
        notifications.setMailServer(server, PlatformToken.username(token), clock.instant());
        return notifications.mailServer().orElseThrow();
    }

    private void requireAdmin(Jwt token) {
        Staff.requireAny(token, tenants.current(), Set.of("tenant.admin"),
                "Почтовый сервер муниципалитета настраивает администратор (право tenant.admin)");
    }

    private static void check(boolean condition, String field, String detail) {
        if (!condition) {
            throw Refusal.invalid(field, detail);
        }
    }

    private static String user(Jwt token) {
        return String.valueOf(token.getClaimAsString("preferred_username"));
    }

    private static List<String> roles(Jwt token) {
        List<String> roles = token.getClaimAsStringList("mcu_roles");
        return roles == null ? List.of() : roles;
    }
}
