package ru.mcu.tenant.onboarding;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.tenant.template.MunicipalityTemplate;
import ru.mcu.tenant.template.TemplateValidator;

/**
 * Turns a template into a working municipality, step by step (see {@link OnboardingStep}). Each
 * step is idempotent and recorded; a failure leaves the municipality FAILED with the step and the
 * reason, and running the onboarding again resumes it without duplicates.
 */
@Service
public class Onboarding {
    private static final Logger log = LoggerFactory.getLogger(Onboarding.class);

    private final Templates templates;
    private final TemplateRequests requests;
    private final KeycloakDirectory directory;
    private final ru.mcu.tenant.staff.Memberships memberships;
    private final ConfigurationPublisher publisher;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    Onboarding(Templates templates, KeycloakDirectory directory, ConfigurationPublisher publisher, JdbcTemplate jdbc,
               TransactionTemplate tx, ObjectMapper json, ru.mcu.tenant.staff.Memberships memberships, TemplateRequests requests) {
        this.requests = requests;
        this.memberships = memberships;
        this.templates = templates;
        this.directory = directory;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /** The template as the operator would onboard it: its problems, or nothing. Creates nothing. */
    public TemplateValidator.Validation check(OnboardingRequest request) {
        requests.requireValid(request, false);
        return requests.resolve(request);
    }

    public OnboardingReport onboard(OnboardingRequest request, String operator) {
        requests.requireValid(request, true);
        TemplateValidator.Validation validation = requests.resolve(request);
        if (!validation.valid()) {
            throw new OnboardingException.InvalidTemplate(validation.problems());
        }
        MunicipalityTemplate template = TemplateRequests.withRequest(validation.template(), request);
        String code = validation.template().profile().slug();
        int version = template.version();
        requests.rememberTemplate(code, version, validation, operator);
        if (!claimSlug(request, template, code, version)) {
            return report(request.slug(), null); // already onboarded: repeating the request changes nothing
        }
        return run(request.slug(), template, code, operator);
    }

    /** Runs a failed (or abandoned) onboarding again, as first asked, from where it stopped. */
    public OnboardingReport resume(String slug, String operator) {
        Map<String, Object> row = tenant(slug).orElseThrow(() -> new OnboardingException.NotFound(slug));
        String code = (String) row.get("template_code");
        if (code == null) {
            throw new OnboardingException.Conflict("Муниципалитет «" + slug + "» создан не из шаблона: возобновлять нечего");
        }
        if (!claimRun(slug)) {
            throw new OnboardingException.Conflict("Муниципалитет «" + slug + "» — " + row.get("status")
                    + ": возобновляют только незавершённое подключение");
        }
        List<String> bodies = jdbc.queryForList("select body from template where code = ? and version = ?", String.class,
                code, row.get("template_version"));
        if (bodies.isEmpty()) {
            fail(slug, OnboardingStep.RECORD, "шаблон «" + code + "» версии " + row.get("template_version") + " не сохранён");
            throw new OnboardingException.Conflict("Шаблон «" + code + "» версии " + row.get("template_version") + " не найден");
        }
        TemplateValidator.Validation validation = templates.uploaded(code + ".yaml", bodies.getFirst().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!validation.valid()) {
            fail(slug, OnboardingStep.RECORD, "сохранённый шаблон больше не проходит проверку");
            throw new OnboardingException.InvalidTemplate(validation.problems());
        }
        OnboardingRequest asked = new OnboardingRequest(code, null, slug, (String) row.get("name"), (String) row.get("short_name"),
                ((Number) row.get("population")).longValue(), (String) row.get("admin_email"));
        return run(slug, TemplateRequests.withRequest(validation.template(), asked), code, operator);
    }

    private OnboardingReport run(String slug, MunicipalityTemplate template, String templateCode, String operator) {
        String adminEmail = (String) tenant(slug).orElseThrow().get("admin_email");
        String temporaryPassword = null;
        String organizationId = null;
        for (OnboardingStep step : OnboardingStep.values()) {
            try {
                String detail = switch (step) {
                    case RECORD -> "Муниципалитет «" + template.profile().officialName() + "» записан";
                    case ORGANIZATION -> {
                        // Keycloak wants unique organization names, and Russia has several «Октябрьский район»s.
                        organizationId = directory.ensureOrganization(slug, template.profile().officialName() + " [" + slug + "]");
                        yield "Организация " + slug + " (" + organizationId + ")";
                    }
                    case ADMINISTRATOR -> {
                        KeycloakDirectory.Administrator admin = directory.ensureAdministrator(organizationId, adminEmail);
                        temporaryPassword = admin.temporaryPassword().orElse(null);
                        // From the first login the administrator manages the staff: the template's roles that grant tenant.admin.
                        memberships.setRoles(slug, admin.userId(), template.roles().stream()
                                .filter(role -> role.permissions().contains("tenant.admin")).map(MunicipalityTemplate.Role::code).toList());
                        yield "Администратор " + adminEmail + (temporaryPassword != null
                                ? ": создан, пароль временный, при первом входе его нужно сменить" : ": уже был");
                    }
                    case CONFIGURATION -> storeConfiguration(slug, template, templateCode, operator);
                    case PUBLICATION -> {
                        Map<String, Object> current = latestConfiguration(slug);
                        publisher.publish(slug, "ONBOARDING", ((Number) current.get("version")).intValue(), (String) current.get("config"));
                        yield "Версия " + current.get("version") + " опубликована";
                    }
                    case ACTIVATION -> {
                        jdbc.update("update tenant set status = 'ACTIVE', failure = null, updated_at = ? where id = ? and status = 'ONBOARDING'",
                                now(), slug);
                        publisher.publishStatus(slug, "ACTIVE");
                        yield "Муниципалитет работает";
                    }
                };
                record(slug, step, "DONE", detail);
            } catch (RuntimeException e) {
                log.warn("Onboarding of {} failed at {}: {}", slug, step, rootMessage(e));
                fail(slug, step, rootMessage(e));
                break;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return report(slug, temporaryPassword);
    }

    String storeConfiguration(String slug, MunicipalityTemplate template, String templateCode, String operator) throws Exception {
        String config = json.writeValueAsString(template);
        String sha = ru.mcu.tenant.template.ConfigTemplates.sha256(config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return CurrentTenant.call(slug, () -> tx.execute(status -> {
            List<Map<String, Object>> latest = jdbc.queryForList(
                    "select version, sha256 from tenant_configuration order by version desc limit 1");
            if (!latest.isEmpty() && sha.equals(latest.getFirst().get("sha256"))) {
                return "Конфигурация версии " + latest.getFirst().get("version") + " уже сохранена";
            }
            int version = latest.isEmpty() ? 1 : ((Number) latest.getFirst().get("version")).intValue() + 1;
            jdbc.update("insert into tenant_configuration (tenant_id, version, template_code, template_version, sha256, config, applied_by, applied_at) "
                            + "values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
                    slug, version, templateCode, template.version(), sha,
                    config, operator, now());
            return "Конфигурация версии " + version + ": ролей " + template.roles().size() + ", блоков " + template.blocks().size()
                    + ", каналов " + template.channels().size() + ", регламентов " + template.regulations().size();
        }));
    }

    /** The municipality's current configuration ({@code version}, {@code config} as JSON), read as the municipality. */
    Map<String, Object> latestConfiguration(String slug) throws Exception {
        return CurrentTenant.call(slug, () -> tx.execute(status -> jdbc.queryForMap(
                "select version, config::text as config from tenant_configuration order by version desc limit 1")));
    }

    public OnboardingReport report(String slug, String temporaryPassword) {
        Map<String, Object> row = tenant(slug).orElseThrow(() -> new OnboardingException.NotFound(slug));
        List<OnboardingReport.StepResult> steps = new ArrayList<>();
        Map<String, Map<String, Object>> done = new java.util.HashMap<>();
        jdbc.queryForList("select step, status, detail, at from onboarding_step where tenant_id = ?", slug)
                .forEach(r -> done.put((String) r.get("step"), r));
        for (OnboardingStep step : OnboardingStep.values()) {
            Map<String, Object> r = done.get(step.name());
            steps.add(new OnboardingReport.StepResult(step, step.title(), r == null ? "PENDING" : (String) r.get("status"),
                    r == null ? null : (String) r.get("detail"), r == null ? null : ((Timestamp) r.get("at")).toInstant()));
        }
        return new OnboardingReport(slug, (String) row.get("status"), (String) row.get("failure"), steps,
                (String) row.get("admin_email"), temporaryPassword);
    }

    /**
     * Creates the municipality's record and takes the run (true); or, for the same request, finds it
     * finished (false: nothing to do) or failed (true: resumed, with the administrator's e-mail as now
     * asked). Another request for the slug, or one while a run is going on, is refused.
     */
    private boolean claimSlug(OnboardingRequest request, MunicipalityTemplate template, String code, int version) {
        Optional<Map<String, Object>> existing = tenant(request.slug());
        if (existing.isEmpty()) {
            try {
                jdbc.update("insert into tenant (id, name, region, status, created_at, short_name, population, time_zone, admin_email, "
                                + "template_code, template_version, updated_at) values (?, ?, ?, 'ONBOARDING', ?, ?, ?, ?, ?, ?, ?, ?)",
                        request.slug(), template.profile().officialName(), template.profile().region().name(), now(),
                        template.profile().shortName(), template.profile().population(), template.profile().timeZone(),
                        request.adminEmail(), code, version, now());
                return true;
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                throw new OnboardingException.Conflict("Муниципалитет «" + request.slug() + "» уже подключается другим запросом");
            }
        }
        Map<String, Object> row = existing.get();
        boolean sameTemplate = code.equals(row.get("template_code")) && Integer.valueOf(version).equals(row.get("template_version"));
        boolean sameAdmin = request.adminEmail().equalsIgnoreCase(String.valueOf(row.get("admin_email")));
        String status = (String) row.get("status");
        if (sameTemplate && sameAdmin && (status.equals("ACTIVE") || status.equals("SUSPENDED"))) {
            return false;
        }
        if (sameTemplate && !status.equals("ACTIVE") && !status.equals("SUSPENDED")) {
            if (!claimRun(request.slug())) {
                throw new OnboardingException.Conflict("Муниципалитет «" + request.slug() + "» уже подключается другим запросом");
            }
            jdbc.update("update tenant set admin_email = ? where id = ?", request.adminEmail(), request.slug());
            return true;
        }
        throw new OnboardingException.Conflict("Код «" + request.slug() + "» уже занят муниципалитетом «" + row.get("name")
                + "» (" + status + ")");
    }

    private Optional<Map<String, Object>> tenant(String slug) {
        return jdbc.queryForList("select * from tenant where id = ?", slug).stream().findFirst();
    }

    /** Marks the step and the municipality failed; only a running onboarding can fail. */
    private void fail(String slug, OnboardingStep step, String reason) {
        record(slug, step, "FAILED", reason);
        jdbc.update("update tenant set status = 'FAILED', failure = ?, updated_at = ? where id = ? and status = 'ONBOARDING'",
                step.title() + ": " + reason, now(), slug);
    }

    /**
     * Takes the municipality's onboarding for this run: from FAILED, or from an ONBOARDING abandoned
     * for over five minutes (a crash). Two runs never go at once.
     */
    private boolean claimRun(String slug) {
        return jdbc.update("update tenant set status = 'ONBOARDING', updated_at = ? where id = ? and (status = 'FAILED' "
                + "or (status = 'ONBOARDING' and updated_at < ?))", now(), slug, Timestamp.from(clock.instant().minusSeconds(300))) == 1;
    }

    private void record(String slug, OnboardingStep step, String status, String detail) {
        jdbc.update("insert into onboarding_step (tenant_id, step, status, detail, at) values (?, ?, ?, ?, ?) "
                + "on conflict (tenant_id, step) do update set status = excluded.status, detail = excluded.detail, at = excluded.at",
                slug, step.name(), status, detail, now());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }
}
