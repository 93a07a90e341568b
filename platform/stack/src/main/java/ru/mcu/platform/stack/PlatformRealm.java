package ru.mcu.platform.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The platform's Keycloak realm, imported from the one realm file the Helm chart ships too, and
 * prepared for a gateway at a given address. Safe to repeat on every start.
 */
public final class PlatformRealm {
    public static final String REALM = "mcu";
    public static final String GATEWAY_CLIENT = "mcu-gateway";
    public static final String TENANT_SERVICE_CLIENT = "mcu-tenant-service";

    private PlatformRealm() {
    }

    /** The user attribute that holds a person's roles in their municipalities (codes from each template). */
    public static final String MUNICIPAL_ROLES = "mcu_roles";
    /** The municipalities where the person's membership is deactivated (tenant-service's staff management). */
    public static final String INACTIVE_IN = "mcu_inactive";
    /** The regions (codes of the subjects of the Federation) a regional ЦУР analyst compares the municipalities of. */
    public static final String REGIONS = "mcu_regions";

    /**
     * The attribute value for a role held in one municipality, «municipality:role»: roles belong to a
     * membership; the services read them back with PlatformToken.municipalRoles.
     */
    public static String membershipRole(String municipality, String role) {
        return municipality + ":" + role;
    }

    /** Creates the realm, or brings an existing one up to the realm file; declares the municipal roles attribute. */
    public static void apply(KeycloakServer keycloak) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak, REALM);
        admin.applyRealm(realmJson());
        admin.declareAdminAttribute(MUNICIPAL_ROLES, "Роли в МЦУ");
        admin.declareAdminAttribute(INACTIVE_IN, "Отключён в МЦУ");
        admin.declareAdminAttribute(REGIONS, "Регионы аналитика ЦУР");
    }

    /** Applies the realm file, lets the gateway at {@code gatewayBaseUrl} log users in, and returns its client secret. */
    public static String prepare(KeycloakServer keycloak, String gatewayBaseUrl) {
        apply(keycloak);
        KeycloakAdmin admin = new KeycloakAdmin(keycloak, REALM);
        admin.allowGatewayAt(GATEWAY_CLIENT, gatewayBaseUrl);
        return admin.clientSecret(GATEWAY_CLIENT);
    }

    /** A confidential client's secret, which Keycloak generated at import. */
    public static String clientSecret(KeycloakServer keycloak, String clientId) {
        return new KeycloakAdmin(keycloak, REALM).clientSecret(clientId);
    }

    static String realmJson() {
        try (InputStream in = PlatformRealm.class.getResourceAsStream("/keycloak/mcu-realm.json")) {
            if (in == null) {
                throw new StackException("keycloak/mcu-realm.json is missing from the stack's classpath (it comes from helm/mcu-platform/files)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("Cannot read the realm file: " + e.getMessage(), e);
        }
    }
}
