package ru.mcu.core.analytics.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

import ru.mcu.core.analytics.report.Reports;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/**
 * Reports made in the background, with their progress, and the template's reporting duties with the
 * addresses their reports are e-mailed to.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {
    private static final Set<String> MAY_READ = Set.of("analytics.view", "analytics.export", "report.prepare", "report.approve");
    private static final Set<String> MAY_PREPARE = Set.of("report.prepare", "report.approve");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+$");
    static final int MOST_RECIPIENTS = 20;

    /** What to make: {@code dashboard} or a duty's code, {@code pdf} or {@code xlsx} (the dashboard only), the period, and whether to send a duty's report. */
    record ReportOrder(String kind, String format, String from, String to, Boolean send) {
    }

    record ReportRecipients(List<String> emails) {
    }

    private final Reports reports;
    private final TenantStatuses tenants;

    ReportController(Reports reports, TenantStatuses tenants) {
        this.reports = reports;
        this.tenants = tenants;
    }

    @PostMapping
    ResponseEntity<Reports.Report> order(@RequestBody ReportOrder order, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, MAY_READ, "Отчёты муниципалитета доступны ролям с правом analytics.view или report.prepare");
        if (order.kind() == null || order.kind().isBlank()) {
            throw Refusal.invalid("kind", "Укажите, какой отчёт сформировать: dashboard или код отчётности из шаблона");
        }
        boolean dashboard = Reports.DASHBOARD.equals(order.kind());
        if (!dashboard && config.report(order.kind()).isEmpty()) {
            throw Refusal.invalid("kind", "В шаблоне муниципалитета нет отчётности «" + abbreviated(order.kind()) + "»");
        }
        String format = order.format() == null ? "pdf" : order.format();
        if (!Set.of("pdf", "xlsx").contains(format)) {
            throw Refusal.invalid("format", "Формат — pdf или xlsx, а не «" + abbreviated(format) + "»");
        }
        if (!dashboard && !"pdf".equals(format)) {
            throw Refusal.invalid("format", "Отчётность по шаблону формируется в PDF; в Excel выгружается аналитика (dashboard)");
        }
        if (dashboard) {
            Staff.requireAny(token, config, Set.of("analytics.export"), "Выгружать аналитику могут роли с правом analytics.export");
        } else {
            Staff.requireAny(token, config, MAY_PREPARE, "Отчётность готовят роли с правом report.prepare или report.approve");
        }
        boolean send = Boolean.TRUE.equals(order.send());
        if (send && dashboard) {
            throw Refusal.invalid("send", "Рассылаются только отчёты по отчётности шаблона: у аналитики нет получателей");
        }
        LocalDate from = AnalyticsController.date("from", order.from());
        LocalDate to = AnalyticsController.period(from, AnalyticsController.date("to", order.to()));
        Reports.Report report = reports.start(config, order.kind(), format, from, to, Staff.of(token, config).name(), send);
        return ResponseEntity.accepted().header(HttpHeaders.LOCATION, "/api/reports/" + report.id()).body(report);
    }

    /** The latest 50 reports of the municipality, newest first, with the progress of those being made. */
    @GetMapping
    List<Reports.Report> recent(@AuthenticationPrincipal Jwt token) {
        readable(token);
        return reports.recent(50);
    }

    @GetMapping("/{id}")
    Reports.Report one(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        readable(token);
        return reports.get(id).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/{id}/file")
    ResponseEntity<byte[]> file(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = readable(token);
        Reports.Report report = reports.get(id).orElseThrow(() -> notFound(id));
        if (!"done".equals(report.status())) {
            throw new Refusal(409, "report-not-ready", "Отчёт ещё не готов", "running".equals(report.status())
                    ? "Отчёт формируется: " + report.progress() + " %" : report.failure());
        }
        Reports.Document document = reports.document(config, id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(document.fileName(), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(document.contentType())).body(document.content());
    }

    /** The template's reporting duties: what, by whom, to whom, how often, and where their reports are e-mailed. */
    @GetMapping("/duties")
    List<Reports.Duty> duties(@AuthenticationPrincipal Jwt token) {
        return reports.duties(readable(token));
    }

    @PutMapping("/duties/{code}/recipients")
    Reports.Duty setRecipients(@PathVariable String code, @RequestBody ReportRecipients body, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, Set.of("tenant.admin"), "Адреса рассылки отчётности задают роли с правом tenant.admin");
        if (config.report(code).isEmpty()) {
            throw new Refusal(404, "report-duty-not-found", "Отчётность не найдена", "В шаблоне муниципалитета нет отчётности «" + abbreviated(code) + "»");
        }
        if (body.emails() == null) {
            throw Refusal.invalid("emails", "Укажите список адресов (пустой — не рассылать)");
        }
        if (body.emails().size() > MOST_RECIPIENTS) {
            throw Refusal.invalid("emails", "Не больше " + MOST_RECIPIENTS + " адресов на отчётность");
        }
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < body.emails().size(); i++) {
            String email = body.emails().get(i) == null ? "" : body.emails().get(i).trim();
            if (email.length() > 300 || !EMAIL.matcher(email).matches()) {
                throw Refusal.invalid("emails[" + i + "]", "«" + abbreviated(email) + "» — не адрес электронной почты");
            }
            if (!emails.contains(email)) {
                emails.add(email);
            }
        }
        reports.setRecipients(code, emails, Staff.of(token, config).name());
        return reports.duties(config).stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }

    private TenantConfiguration readable(Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, MAY_READ, "Отчёты муниципалитета доступны ролям с правом analytics.view или report.prepare");
        return config;
    }

    private static Refusal notFound(UUID id) {
        return new Refusal(404, "report-not-found", "Отчёт не найден", "Отчёта " + id + " нет");
    }

    private static String abbreviated(String value) {
        return ru.mcu.core.shared.Texts.shortened(value, 41);
    }
}
