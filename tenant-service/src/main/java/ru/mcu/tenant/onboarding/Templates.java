package ru.mcu.tenant.onboarding;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import ru.mcu.tenant.template.ConfigTemplates;
import ru.mcu.tenant.template.TemplateValidator;

/** The templates shipped in config-templates/municipalities, and uploaded ones, both validated the same way. */
@Component
public class Templates {
    private static final String SHIPPED = "config-templates/municipalities/";

    private final TemplateValidator validator;
    private final List<String> shipped = ConfigTemplates.codes("municipalities");
    /** Shipped templates do not change while the service runs: each is read and validated once. */
    private final Map<String, TemplateValidator.Validation> validated = new ConcurrentHashMap<>();

    Templates(TemplateValidator validator) {
        this.validator = validator;
    }

    public List<String> shipped() {
        return shipped;
    }

    /** A shipped template by code, validated; an unknown code is a problem of the request. */
    public TemplateValidator.Validation shipped(String code) {
        if (code == null || !shipped.contains(code)) {
            throw new OnboardingException.BadRequest("template", (code == null ? "Укажите код поставляемого шаблона"
                    : "Шаблона «" + code + "» нет") + "; есть: " + String.join(", ", shipped));
        }
        return validated.computeIfAbsent(code, this::read);
    }

    private TemplateValidator.Validation read(String code) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(SHIPPED + code + ".yaml")) {
            return validator.validate(code + ".yaml", in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read template " + code, e);
        }
    }

    public TemplateValidator.Validation uploaded(String fileName, byte[] content) {
        return validator.validate(fileName == null || fileName.isBlank() ? "uploaded.yaml" : fileName, content);
    }
}
