package ru.mcu.tenant.onboarding;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Declared municipalities ({@code mcu.onboarding.at-start}: shipped template codes) are onboarded
 * when the service starts, before it reports ready: the local run uses it for the five, and a
 * deployment can declare its tenants the same way. One already there is left alone (a failed one
 * is resumed); a newer template is applied by the operator, not silently at start.
 */
@Component
@ConditionalOnProperty("mcu.onboarding.at-start")
class OnboardAtStart implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(OnboardAtStart.class);

    private final Onboarding onboarding;
    private final JdbcTemplate jdbc;
    private final List<String> templates;
    private final String adminEmail;

    OnboardAtStart(Onboarding onboarding, JdbcTemplate jdbc, @Value("${mcu.onboarding.at-start}") List<String> templates,
                   @Value("${mcu.onboarding.admin-email:admin@{slug}.mcu.invalid}") String adminEmail) {
        this.onboarding = onboarding;
        this.jdbc = jdbc;
        this.templates = templates;
        this.adminEmail = adminEmail;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String code : templates) {
            String slug = code.strip();
            List<String> status = jdbc.queryForList("select status from tenant where id = ?", String.class, slug);
            OnboardingReport report;
            if (status.isEmpty()) {
                report = onboarding.onboard(new OnboardingRequest(slug, null, slug, null, null, null, adminEmail.replace("{slug}", slug)),
                        "platform-start");
            } else if (status.getFirst().equals("FAILED")) {
                report = onboarding.resume(slug, "platform-start");
            } else {
                log.info("Municipality {} is already onboarded ({})", slug, status.getFirst());
                continue;
            }
            if (report.failed()) {
                throw new IllegalStateException("Onboarding of " + slug + " at start failed: " + report.failure());
            }
            log.info("Municipality {} onboarded: {}", slug, report.status());
        }
    }
}
