package ru.mcu.platform.stack;

/** A running Keycloak, reached on loopback; its admin account is the stack's own. */
public interface KeycloakServer extends AutoCloseable {
    /** For example http://localhost:8180: the address browsers and services use, so token issuers match. */
    String baseUrl();

    String adminUsername();

    String adminPassword();

    default String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    @Override
    void close();
}
