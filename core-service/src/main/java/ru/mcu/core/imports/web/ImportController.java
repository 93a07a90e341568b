package ru.mcu.core.imports.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.imports.Imports;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/** Bulk import of history: POST the file (JSON lines or CSV), then follow the job's progress and report. */
@RestController
@RequestMapping("/api/imports")
class ImportController {
    static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final Set<String> MAY_IMPORT = Set.of("tenant.admin", "message.register");

    private final Imports imports;
    private final TenantStatuses tenants;

    ImportController(Imports imports, TenantStatuses tenants) {
        this.imports = imports;
        this.tenants = tenants;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> start(@RequestParam String format, HttpServletRequest request, @AuthenticationPrincipal Jwt token)
            throws IOException {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, MAY_IMPORT, "Импорт истории доступен ролям с правом tenant.admin или message.register");
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            throw new Refusal(413, "file-too-large", "Файл слишком большой", "Файл импорта — не больше 20 МиБ; разделите его на части")
                    .with("field", "file");
        }
        UUID id = imports.start(config, format, body, Staff.of(token, config));
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + id)).body(Map.of("id", id, "status", "running"));
    }

    /** The report names citizens' lines and their faults: only for those who may import; another municipality's job is not found (row-level security). */
    @GetMapping("/{id}")
    Imports.Job job(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        Staff.requireAny(token, tenants.current(), MAY_IMPORT, "Отчёт об импорте доступен ролям с правом tenant.admin или message.register");
        return imports.job(id).orElseThrow(() -> new Refusal(404, "import-not-found", "Импорт не найден", "Импорта " + id + " нет"));
    }
}
