package ru.mcu.tenant.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import ru.mcu.tenant.template.MunicipalityTemplate;
import ru.mcu.tenant.template.TemplateValidator;

/**
 * Re-applying a newer version of a municipality's template: first what would change, then a new
 * configuration version (the old ones stay), published for core-service. The municipality's own
 * names and population are kept; codes identify roles, blocks, channels, so a renamed block is the
 * same block. A role that users still hold cannot be removed.
 */
@Service
public class Reapplication {
    /** What applying would do, and what stands in its way. */
    public record Preview(String slug, int currentVersion, int templateVersionBefore, int templateVersionAfter,
                          Map<String, ConfigurationDiff.Part> changes, List<String> blockers) {
    }

    private final Onboarding onboarding;
    private final TemplateRequests requests;
    private final KeycloakDirectory directory;
    private final ConfigurationPublisher publisher;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Reapplication(Onboarding onboarding, KeycloakDirectory directory, ConfigurationPublisher publisher, JdbcTemplate jdbc,
                  ObjectMapper json, TemplateRequests requests) {
        this.requests = requests;
        this.onboarding = onboarding;
        this.directory = directory;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.json = json;
    }

    public Preview preview(String slug, OnboardingRequest template) {
        return plan(slug, template).preview();
    }

    public Preview apply(String slug, OnboardingRequest template, String operator) throws Exception {
        Plan plan = plan(slug, template);
        if (!plan.preview().blockers().isEmpty()) {
            throw new OnboardingException.Conflict("Шаблон нельзя применить: " + String.join("; ", plan.preview().blockers()));
        }
        if (plan.preview().changes().isEmpty()) {
            return plan.preview();
        }
        requests.rememberTemplate(plan.code(), plan.next().version(), plan.validation(), operator);
        onboarding.storeConfiguration(slug, plan.next(), plan.code(), operator);
        Map<String, Object> latest = onboarding.latestConfiguration(slug);
        jdbc.update("update tenant set template_version = ?, updated_at = now() where id = ?", plan.next().version(), slug);
        String status = jdbc.queryForObject("select status from tenant where id = ?", String.class, slug);
        publisher.publish(slug, status, ((Number) latest.get("version")).intValue(), (String) latest.get("config"));
        return plan(slug, template).preview();
    }

    private record Plan(Preview preview, MunicipalityTemplate next, String code, TemplateValidator.Validation validation) {
    }

    private Plan plan(String slug, OnboardingRequest request) {
        Map<String, Object> tenant = jdbc.queryForList("select * from tenant where id = ?", slug).stream().findFirst()
                .orElseThrow(() -> new OnboardingException.NotFound(slug));
        String status = (String) tenant.get("status");
        if (!status.equals("ACTIVE") && !status.equals("SUSPENDED")) {
            throw new OnboardingException.Conflict("Муниципалитет «" + slug + "» ещё не подключён (" + status + "): завершите подключение");
        }
        TemplateValidator.Validation validation = requests.resolve(request);
        if (!validation.valid()) {
            throw new OnboardingException.InvalidTemplate(validation.problems());
        }
        String code = validation.template().profile().slug();
        if (!code.equals(tenant.get("template_code"))) {
            throw new OnboardingException.Conflict("Муниципалитет «" + slug + "» подключён по шаблону «" + tenant.get("template_code")
                    + "», а не «" + code + "»");
        }
        Map<String, Object> current;
        try {
            current = onboarding.latestConfiguration(slug);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        JsonNode before = json.readTree((String) current.get("config"));
        JsonNode profile = before.path("profile");
        int templateBefore = ((Number) tenant.get("template_version")).intValue();
        int templateAfter = validation.template().version();
        MunicipalityTemplate next = TemplateRequests.withRequest(validation.template(), new OnboardingRequest(code, null, slug,
                profile.path("officialName").asString(), profile.path("shortName").asString(), profile.path("population").asLong(), null));
        ConfigurationDiff diff = ConfigurationDiff.between(before, json.valueToTree(next));
        List<String> blockers = new ArrayList<>();
        if (templateAfter < templateBefore || (templateAfter == templateBefore && !diff.isEmpty())) {
            blockers.add("версия шаблона должна быть больше текущей (" + templateBefore + "), а она " + templateAfter);
        }
        List<String> removedRoles = diff.removed("roles");
        if (!removedRoles.isEmpty()) {
            String organization = directory.organizationId(slug).orElseThrow(() -> new OnboardingException.Conflict(
                    "У муниципалитета «" + slug + "» нет организации в Keycloak"));
            for (String role : removedRoles) {
                List<String> holders = directory.holders(organization, slug, role);
                if (!holders.isEmpty()) {
                    blockers.add("роль «" + role + "» удаляется, но её имеют пользователи: " + String.join(", ", holders)
                            + " — сначала снимите с них эту роль");
                }
            }
        }
        Preview preview = new Preview(slug, ((Number) current.get("version")).intValue(), templateBefore, templateAfter,
                diff.parts(), blockers);
        return new Plan(preview, next, code, validation);
    }
}
