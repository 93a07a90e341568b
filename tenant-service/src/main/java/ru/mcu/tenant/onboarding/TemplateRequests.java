package ru.mcu.tenant.onboarding;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.platform.tenancy.TenantIds;
import ru.mcu.tenant.template.MunicipalityTemplate;
import ru.mcu.tenant.template.TemplateValidator;

/**
 * What the operator asked for and the template it names: the request's own fields checked by one
 * set of rules for the dry run and for onboarding, the template read (shipped or uploaded), the
 * request's names applied to it, and every version used kept; Onboarding and Reapplication share it.
 */
@Component
class TemplateRequests {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    static final int MAX_OFFICIAL_NAME = 180;
    static final int MAX_SHORT_NAME = 100;
    static final int MAX_FILE_NAME = 255;

    private final Templates templates;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    TemplateRequests(Templates templates, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.templates = templates;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * The request's own fields, by one set of rules for the check and for onboarding, so the check never
     * passes what onboarding refuses; only onboarding needs the slug and e-mail given, since a check may
     * be of the template alone.
     */
    void requireValid(OnboardingRequest request, boolean complete) {
        if ((complete || request.slug() != null) && !TenantIds.isValid(request.slug())) {
            throw new OnboardingException.BadRequest("slug", "Код муниципалитета: латинские строчные буквы, цифры и дефис, 2–63 знака, с буквы");
        }
        if ((complete || request.adminEmail() != null) && (request.adminEmail() == null || !EMAIL.matcher(request.adminEmail()).matches())) {
            throw new OnboardingException.BadRequest("adminEmail", "Укажите адрес электронной почты первого администратора");
        }
        if (request.population() != null && request.population() <= 0) {
            throw new OnboardingException.BadRequest("population", "Численность населения должна быть положительной");
        }
        // Keycloak keeps an organization's name in 255 characters, and the slug is added to it.
        if (request.officialName() != null && request.officialName().length() > MAX_OFFICIAL_NAME) {
            throw new OnboardingException.BadRequest("officialName", "Официальное название длиннее " + MAX_OFFICIAL_NAME + " символов");
        }
        if (request.shortName() != null && request.shortName().length() > MAX_SHORT_NAME) {
            throw new OnboardingException.BadRequest("shortName", "Краткое название длиннее " + MAX_SHORT_NAME + " символов");
        }
        // Every problem of the template names its file: a long name would be echoed once per problem.
        if (request.fileName() != null && request.fileName().length() > MAX_FILE_NAME) {
            throw new OnboardingException.BadRequest("fileName", "Имя файла длиннее " + MAX_FILE_NAME + " символов");
        }
        if ((request.template() == null) == (request.templateYaml() == null)) {
            throw new OnboardingException.BadRequest("template", "Выберите поставляемый шаблон или загрузите свой — одно из двух");
        }
    }

    TemplateValidator.Validation resolve(OnboardingRequest request) {
        return request.templateYaml() != null
                ? templates.uploaded(request.fileName(), request.templateYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : templates.shipped(request.template());
    }

    static MunicipalityTemplate withRequest(MunicipalityTemplate template, OnboardingRequest request) {
        MunicipalityTemplate.Profile p = template.profile();
        MunicipalityTemplate.Profile profile = new MunicipalityTemplate.Profile(request.slug(),
                blankTo(request.officialName(), p.officialName()), blankTo(request.shortName(), p.shortName()), p.region(),
                p.timeZone(), request.population() != null ? request.population() : p.population(), p.territories(), p.source());
        return new MunicipalityTemplate(template.format(), template.version(), template.act(), profile, template.roles(),
                template.blocks(), template.channels(), template.deadlinePolicies(), template.regulations(), template.ratings(),
                template.reports(), template.meetings(), template.calendar());
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** Keeps every template version used; the same version with other content is refused. */
    void rememberTemplate(String code, int version, TemplateValidator.Validation validation, String operator) {
        tx.executeWithoutResult(status -> {
            List<String> known = jdbc.queryForList("select sha256 from template where code = ? and version = ?", String.class, code, version);
            if (known.isEmpty()) {
                jdbc.update("insert into template (code, version, sha256, body, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?) "
                        + "on conflict do nothing", code, version, validation.sha256(), validation.text(), operator, now());
                // Another upload of the same code and version may have won the race: it must be the same text.
                known = jdbc.queryForList("select sha256 from template where code = ? and version = ?", String.class, code, version);
            }
            if (!known.getFirst().equals(validation.sha256())) {
                throw new OnboardingException.Conflict("Шаблон «" + code + "» версии " + version
                        + " уже есть с другим содержанием: увеличьте version в шаблоне");
            }
        });
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
