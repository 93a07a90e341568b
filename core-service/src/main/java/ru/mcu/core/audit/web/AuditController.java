package ru.mcu.core.audit.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.core.audit.AuditTrail;
import ru.mcu.core.message.Messages;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/** The audit trail: per message, verified as a whole, exported as JSON lines with the hashes to check it elsewhere. */
@RestController
@RequestMapping("/api/audit")
class AuditController {
    /** Whoever answers for the municipality's data and reports may verify and export the whole trail. */
    private static final Set<String> WHOLE_TRAIL = Set.of("tenant.admin", "tenant.security", "analytics.export", "report.approve");

    private final AuditTrail audit;
    private final Messages messages;
    private final TenantStatuses tenants;
    private final ObjectMapper json;

    AuditController(AuditTrail audit, Messages messages, TenantStatuses tenants, ObjectMapper json) {
        this.audit = audit;
        this.messages = messages;
        this.tenants = tenants;
        this.json = json;
    }

    @GetMapping("/messages/{id}")
    List<AuditTrail.Recorded> ofMessage(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        var message = messages.get(id); // 404 for another municipality's message
        TenantConfiguration config = tenants.current();
        if (!message.visibleTo(Staff.of(token, config), config)) {
            throw new Refusal(403, "role-not-allowed", "Действие не разрешено вашей роли",
                    "Журнал сообщения виден тем, кто видит сообщение (право message.view или исполнитель)");
        }
        return audit.ofMessage(id);
    }

    @GetMapping("/verify")
    AuditTrail.Verification verify(@AuthenticationPrincipal Jwt token) {
        requireWholeTrail(token);
        return audit.verify();
    }

    @GetMapping(value = "/export", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal Jwt token) {
        requireWholeTrail(token);
        String tenant = CurrentTenant.required();
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            // The response is written after the request's scope ends: the tenant is bound again, explicitly.
            CurrentTenant.run(tenant, () -> audit.each(entry -> {
                try {
                    writer.write(json.writeValueAsString(entry));
                    writer.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            writer.flush();
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + tenant + ".jsonl\"").body(body);
    }

    private void requireWholeTrail(Jwt token) {
        Staff.requireAny(token, tenants.current(), WHOLE_TRAIL,
                "Проверка и выгрузка всего журнала доступны ролям с одним из прав: " + String.join(", ", WHOLE_TRAIL));
    }
}
