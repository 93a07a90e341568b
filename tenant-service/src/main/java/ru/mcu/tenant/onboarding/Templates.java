package ru.mcu.tenant.onboarding;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeSet;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import ru.mcu.tenant.template.TemplateValidator;

/** The templates shipped in config-templates/municipalities, and uploaded ones, both validated the same way. */
@Component
public class Templates {
    private static final String SHIPPED = "config-templates/municipalities/";

    private final TemplateValidator validator;

    Templates(TemplateValidator validator) {
        this.validator = validator;
    }

    public List<String> shipped() {
        try {
            TreeSet<String> codes = new TreeSet<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + SHIPPED + "*.yaml")) {
                codes.add(resource.getFilename().replaceFirst("\\.yaml$", ""));
            }
            return List.copyOf(codes);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the shipped templates", e);
        }
    }

    /** A shipped template by code, validated; an unknown code is a problem of the request. */
    public TemplateValidator.Validation shipped(String code) {
        if (code == null || !code.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new OnboardingException.BadRequest("template", "Укажите код поставляемого шаблона (" + String.join(", ", shipped()) + ")");
        }
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(SHIPPED + code + ".yaml")) {
            if (in == null) {
                throw new OnboardingException.BadRequest("template", "Шаблона «" + code + "» нет; есть: " + String.join(", ", shipped()));
            }
            return validator.validate(code + ".yaml", in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read template " + code, e);
        }
    }

    public TemplateValidator.Validation uploaded(String fileName, byte[] content) {
        return validator.validate(fileName == null || fileName.isBlank() ? "uploaded.yaml" : fileName, content);
    }
}
