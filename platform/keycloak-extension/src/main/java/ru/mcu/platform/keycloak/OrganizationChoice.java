package ru.mcu.platform.keycloak;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.protocol.mappers.oidc.OrganizationScope;

/**
 * After the login form: a person who works in several municipalities says which one this session is
 * for. Keycloak's own organization step asks for the username on a page of its own before the
 * password; ours comes after the one login form, and only for people with a choice to make. The
 * choice is kept where Keycloak's organization mapper reads it, so the token names that one
 * municipality (the gateway and the services trust nothing else).
 */
final class OrganizationChoice implements Authenticator {
    /** The form field, and the client note the organization mapper reads: Keycloak's own name for both. */
    static final String CHOSEN = OrganizationModel.ORGANIZATION_ATTRIBUTE;
    static final String TEMPLATE = "mcu-organization.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        List<OrganizationModel> choices = choices(context);
        if (choices.size() < 2 || context.getAuthenticationSession().getClientNote(CHOSEN) != null) {
            context.success();
            return;
        }
        context.challenge(form(context, choices, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String alias = context.getHttpRequest().getDecodedFormParameters().getFirst(CHOSEN);
        List<OrganizationModel> choices = choices(context);
        OrganizationModel chosen = choices.stream().filter(o -> o.getAlias().equals(alias)).findFirst().orElse(null);
        if (chosen == null) {
            // Nothing chosen, or a municipality the person is not in: the same page, with the reason.
            context.challenge(form(context, choices, "mcuChooseMunicipality"));
            return;
        }
        context.getAuthenticationSession().setClientNote(CHOSEN, chosen.getId());
        context.success();
    }

    /**
     * The person's active municipalities, when the application asked for one of them (the
     * "organization" scope without a value); otherwise there is nothing to choose.
     */
    private static List<OrganizationModel> choices(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        if (!context.getRealm().isOrganizationsEnabled() || context.getUser() == null
                || OrganizationScope.valueOfScope(session) != OrganizationScope.ANY) {
            return List.of();
        }
        return session.getProvider(OrganizationProvider.class).getByMember(context.getUser())
                .filter(OrganizationModel::isEnabled)
                .sorted(Comparator.comparing(OrganizationModel::getName))
                .toList();
    }

    private static Response form(AuthenticationFlowContext context, List<OrganizationModel> choices, String error) {
        LoginFormsProvider form = context.form().setAttribute("municipalities",
                choices.stream().map(o -> Map.of("alias", o.getAlias(), "name", o.getName())).toList());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
