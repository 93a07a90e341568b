package ru.mcu.platform.stack;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak from {@code org.keycloak:keycloak-quarkus-dist} on Maven Central, unpacked once into the
 * cache and started in development mode on loopback, keeping its data in our PostgreSQL.
 */
final class DistKeycloak implements KeycloakServer {
    private static final Logger log = LoggerFactory.getLogger(DistKeycloak.class);

    private final int port;
    private final String adminPassword;
    private final ManagedProcess process;

    private DistKeycloak(int port, String adminPassword, ManagedProcess process) {
        this.port = port;
        this.adminPassword = adminPassword;
        this.process = process;
    }

    static DistKeycloak start(PostgresServer postgres, Databases.Credentials db, Path logDir, int port, Secrets secrets) {
        Net.requireFree(port, "Keycloak");
        int managementPort = Net.freePort();
        Path home = unpacked();
        installExtension(home);
        String adminPassword = secrets.get("keycloak.admin");
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("KC_DB_PASSWORD", db.password());
        ManagedProcess process = ManagedProcess.start("Keycloak", List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-host=" + Net.LOOPBACK, "--http-port=" + port,
                        "--http-management-port=" + managementPort,
                        "--db=postgres", "--db-url=" + postgres.jdbcUrl(db.database()), "--db-username=" + db.username(),
                        "--features=organization", "--cache=local"),
                env, home, logDir.resolve("keycloak.log"));
        DistKeycloak keycloak = new DistKeycloak(port, adminPassword, process);
        process.awaitReady(Duration.ofMinutes(4), keycloak::answers);
        log.info("Keycloak {} on {}", Versions.keycloak(), keycloak.baseUrl());
        return keycloak;
    }

    private boolean answers() {
        return Net.listening(port) && Net.answersOk(baseUrl() + "/realms/master");
    }

    /**
     * Our theme and login step go into the providers folder on every start (the jar changes with
     * the build); start-dev re-augments Keycloak when that folder changes.
     */
    private static void installExtension(Path home) {
        try {
            Path providers = Files.createDirectories(home.resolve("providers"));
            Path jar = providers.resolve("mcu-keycloak-extension.jar");
            byte[] built = Files.readAllBytes(Versions.keycloakExtension());
            if (!Files.exists(jar) || !java.util.Arrays.equals(Files.readAllBytes(jar), built)) {
                Files.write(jar, built);
            }
        } catch (java.io.IOException e) {
            throw new StackException("Cannot put the platform's Keycloak extension into " + home.resolve("providers") + ": " + e.getMessage(), e);
        }
    }

    /** The distribution unpacked once into the cache. */
    private static Path unpacked() {
        Path zip = Versions.keycloakDist();
        return Cache.installOnce(Cache.dir().resolve("keycloak-" + Versions.keycloak()), "Keycloak " + Versions.keycloak(), dir -> {
            log.info("Unpacking Keycloak {} into the cache (once)", Versions.keycloak());
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = archive.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    // Entries start with "keycloak-<version>/"; drop that folder.
                    String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                    Path target = dir.resolve(name).normalize();
                    if (name.isEmpty() || entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    if (!target.startsWith(dir)) {
                        throw new StackException("Unsafe path in " + zip + ": " + entry.getName());
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                    if (name.endsWith(".sh")) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        });
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public String adminUsername() {
        return "admin";
    }

    @Override
    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() {
        process.close();
    }
}
