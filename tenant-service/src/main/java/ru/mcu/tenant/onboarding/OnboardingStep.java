package ru.mcu.tenant.onboarding;

/** The steps of onboarding a municipality, in order; each can be repeated without effect once done. */
public enum OnboardingStep {
    RECORD("Запись муниципалитета"),
    ORGANIZATION("Организация в Keycloak"),
    ADMINISTRATOR("Первый администратор"),
    CONFIGURATION("Конфигурация из шаблона"),
    PUBLICATION("Публикация конфигурации для core-service"),
    ACTIVATION("Включение");

    private final String title;

    OnboardingStep(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
