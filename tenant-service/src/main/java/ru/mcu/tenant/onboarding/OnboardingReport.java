package ru.mcu.tenant.onboarding;

import java.time.Instant;
import java.util.List;

/** Where an onboarding stands, step by step; the temporary password appears once, when created. */
public record OnboardingReport(String slug, String status, String failure, List<StepResult> steps, String adminEmail,
                               String temporaryPassword) {
    public record StepResult(OnboardingStep step, String title, String status, String detail, Instant at) {
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }
}
