package ru.mcu.tenant.onboarding.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.tenant.onboarding.Lifecycle;
import ru.mcu.tenant.onboarding.Onboarding;
import ru.mcu.tenant.onboarding.OnboardingReport;
import ru.mcu.tenant.onboarding.OnboardingRequest;
import ru.mcu.tenant.onboarding.Reapplication;
import ru.mcu.tenant.onboarding.Templates;
import ru.mcu.tenant.template.TemplateProblem;
import ru.mcu.tenant.template.TemplateValidator;

/** The regional operator's onboarding: templates, a dry-run check, onboarding, resume, suspend, resume. */
@RestController
@RequestMapping("/api/platform")
class OnboardingController {
    record TemplateView(String code, String name, int version, String region) {
    }

    /** {@code borrowed}: every rule the template does not take from its own act, for the operator to confirm. */
    record CheckResult(boolean valid, List<TemplateProblem> problems, Map<String, Object> summary,
                       List<ru.mcu.tenant.template.Borrowing> borrowed) {
    }

    record StatusView(String slug, String status) {
    }

    record ConnectorRequest(String name, List<String> channels) {
    }

    private final Templates templates;
    private final Onboarding onboarding;
    private final Lifecycle lifecycle;
    private final Reapplication reapplication;
    private final ru.mcu.tenant.onboarding.Connectors connectors;
    private final String issuer;

    OnboardingController(Templates templates, Onboarding onboarding, Lifecycle lifecycle, Reapplication reapplication,
                         ru.mcu.tenant.onboarding.Connectors connectors,
                         @org.springframework.beans.factory.annotation.Value("${mcu.keycloak.issuer-uri}") String issuer) {
        this.connectors = connectors;
        this.issuer = issuer;
        this.templates = templates;
        this.onboarding = onboarding;
        this.lifecycle = lifecycle;
        this.reapplication = reapplication;
    }

    @GetMapping("/templates")
    List<TemplateView> templates() {
        return templates.shipped().stream().map(templates::shipped).filter(TemplateValidator.Validation::valid)
                .map(v -> new TemplateView(v.template().profile().slug(), v.template().profile().officialName(), v.template().version(),
                        v.template().profile().region().name()))
                .toList();
    }

    /** What onboarding would do with this request: the template's problems, or a summary. Creates nothing. */
    @PostMapping("/onboarding/check")
    CheckResult check(@RequestBody OnboardingRequest request) {
        TemplateValidator.Validation validation = onboarding.check(request);
        if (!validation.valid()) {
            return new CheckResult(false, validation.problems(), Map.of(), List.of());
        }
        var t = validation.template();
        return new CheckResult(true, List.of(), Map.of("template", t.profile().slug(), "version", t.version(),
                "roles", t.roles().size(), "blocks", t.blocks().size(), "channels", t.channels().size(),
                "regulations", t.regulations().size(), "timeZone", t.profile().timeZone(), "borrowed", validation.borrowed().size()),
                validation.borrowed());
    }

    @PostMapping("/municipalities")
    ResponseEntity<?> onboard(@RequestBody OnboardingRequest request, @AuthenticationPrincipal Jwt operator) {
        return answer(onboarding.onboard(request, operator.getClaimAsString("preferred_username")), true);
    }

    @GetMapping("/municipalities/{slug}")
    OnboardingReport progress(@PathVariable String slug) {
        return onboarding.report(slug, null);
    }

    @PostMapping("/municipalities/{slug}/resume-onboarding")
    ResponseEntity<?> resumeOnboarding(@PathVariable String slug, @AuthenticationPrincipal Jwt operator) {
        return answer(onboarding.resume(slug, operator.getClaimAsString("preferred_username")), false);
    }

    /** What re-applying this (newer) template would change, and what would stop it. Changes nothing. */
    @PostMapping("/municipalities/{slug}/template/preview")
    Reapplication.Preview previewTemplate(@PathVariable String slug, @RequestBody OnboardingRequest template) {
        return reapplication.preview(slug, template);
    }

    @PostMapping("/municipalities/{slug}/template/apply")
    Reapplication.Preview applyTemplate(@PathVariable String slug, @RequestBody OnboardingRequest template,
                                        @AuthenticationPrincipal Jwt operator) throws Exception {
        return reapplication.apply(slug, template, operator.getClaimAsString("preferred_username"));
    }

    /** Client credentials for one channel connector of the municipality; the secret is in this answer only. */
    @PostMapping("/municipalities/{slug}/connectors")
    ResponseEntity<ru.mcu.tenant.onboarding.Connectors.Issued> issueConnector(@PathVariable String slug, @RequestBody ConnectorRequest request)
            throws Exception {
        var issued = connectors.issue(slug, request.name(), request.channels(), issuer);
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store").body(issued);
    }

    @GetMapping("/municipalities/{slug}/connectors")
    List<String> connectors(@PathVariable String slug) {
        return connectors.issued(slug);
    }

    /** A new secret for the connector, in this answer only; the old one is refused from now on. */
    @PostMapping("/municipalities/{slug}/connectors/{clientId}/secret")
    ResponseEntity<ru.mcu.tenant.onboarding.Connectors.Issued> rotateConnector(@PathVariable String slug, @PathVariable String clientId) {
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(connectors.rotate(slug, clientId, issuer));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/municipalities/{slug}/connectors/{clientId}")
    ResponseEntity<Void> revokeConnector(@PathVariable String slug, @PathVariable String clientId) {
        connectors.revoke(slug, clientId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/municipalities/{slug}/suspend")
    StatusView suspend(@PathVariable String slug) {
        return new StatusView(slug, lifecycle.suspend(slug));
    }

    @PostMapping("/municipalities/{slug}/resume")
    StatusView resume(@PathVariable String slug) {
        return new StatusView(slug, lifecycle.resume(slug));
    }

    /** Done: 201 (or 200 when resumed). Failed at a step: 502, with the steps, since Keycloak or Redis let us down. */
    private static ResponseEntity<?> answer(OnboardingReport report, boolean created) {
        if (report.failed()) {
            ProblemDetail problem = ru.mcu.platform.problem.Problems.of(HttpStatus.BAD_GATEWAY, "onboarding-incomplete",
                    "Подключение муниципалитета не завершено", report.failure());
            problem.setProperty("slug", report.slug());
            problem.setProperty("steps", report.steps());
            problem.setProperty("retry", "/api/platform/municipalities/" + report.slug() + "/resume-onboarding");
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
        }
        return created
                ? ResponseEntity.created(URI.create("/api/platform/municipalities/" + report.slug())).body(report)
                : ResponseEntity.ok(report);
    }
}
