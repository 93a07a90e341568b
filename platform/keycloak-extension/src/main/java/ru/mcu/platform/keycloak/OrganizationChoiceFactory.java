package ru.mcu.platform.keycloak;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers {@link OrganizationChoice} with Keycloak (META-INF/services); the realm's browser flow names it by its id. */
public final class OrganizationChoiceFactory implements AuthenticatorFactory {
    public static final String ID = "mcu-organization-choice";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "МЦУ: выбор муниципалитета";
    }

    @Override
    public String getHelpText() {
        return "После входа спрашивает сотрудника нескольких муниципалитетов, в каком из них он работает в этом сеансе.";
    }

    @Override
    public String getReferenceCategory() {
        return "organization";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new OrganizationChoice();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
