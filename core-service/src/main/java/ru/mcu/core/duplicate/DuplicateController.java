package ru.mcu.core.duplicate;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.message.Messages;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/** The card's «Возможные повторы»: for whoever may see the message, the ones it may repeat. */
@RestController
class DuplicateController {
    private final Duplicates duplicates;
    private final Messages messages;
    private final TenantStatuses tenants;

    DuplicateController(Duplicates duplicates, Messages messages, TenantStatuses tenants) {
        this.duplicates = duplicates;
        this.messages = messages;
        this.tenants = tenants;
    }

    @GetMapping("/api/messages/{id}/duplicates")
    Duplicates.Proposals proposals(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        return duplicates.of(messages.visible(id, actor, config), actor, config);
    }
}
