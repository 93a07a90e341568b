package ru.mcu.tenant.onboarding;

/**
 * What the regional operator asks for: a shipped template (by code) or an uploaded one (its
 * YAML), and the municipality's slug, names, population and first administrator's e-mail.
 * Names and population, when given, replace the template's; {@code fileName} names an upload in errors.
 */
public record OnboardingRequest(String template, String templateYaml, String slug, String officialName, String shortName,
                                Long population, String adminEmail, String fileName) {
    public OnboardingRequest(String template, String templateYaml, String slug, String officialName, String shortName,
                             Long population, String adminEmail) {
        this(template, templateYaml, slug, officialName, shortName, population, adminEmail, null);
    }
}
