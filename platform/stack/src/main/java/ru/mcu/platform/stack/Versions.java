package ru.mcu.platform.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Versions and artifact paths the build recorded (stack-artifacts.properties). */
final class Versions {
    static final String POSTGRES = "17.11.0";
    static final String REDIS = "7.0.15";
    private static final Properties ARTIFACTS = load();

    private Versions() {
    }

    static String keycloak() {
        return ARTIFACTS.getProperty("keycloak.version");
    }

    static Path keycloakDist() {
        String path = ARTIFACTS.getProperty("keycloak.dist", "");
        if (path.isBlank() || path.startsWith("${") || !Files.exists(Path.of(path))) {
            throw new StackException("The Keycloak distribution (org.keycloak:keycloak-quarkus-dist:" + keycloak()
                    + ":zip) is not in the local Maven repository (" + path + "). Build the project with ./mvnw first; "
                    + "it fetches it from Maven Central.");
        }
        return Path.of(path);
    }

    /** Our login theme and organization step for Keycloak (platform/keycloak-extension), as the build packaged it. */
    static Path keycloakExtension() {
        String path = ARTIFACTS.getProperty("keycloak.extension", "");
        if (path.isBlank() || path.startsWith("${") || path.startsWith("@") || !Files.isRegularFile(Path.of(path))) {
            throw new StackException("The platform's Keycloak extension (ru.mcu:keycloak-extension) is not packaged (" + path
                    + "). Build the project with ./mvnw package (or install) first.");
        }
        return Path.of(path);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/stack-artifacts.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new StackException("Cannot read stack-artifacts.properties: " + e.getMessage(), e);
        }
        return properties;
    }
}
