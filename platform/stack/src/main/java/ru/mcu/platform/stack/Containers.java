package ru.mcu.platform.stack;

import java.nio.file.Path;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dasniko.testcontainers.keycloak.KeycloakContainer;

/**
 * The same servers from Testcontainers, where a Docker engine answers. Data of a persistent run is
 * bind-mounted from the data directory so that it survives a restart as the binaries' does.
 */
final class Containers {
    private Containers() {
    }

    static boolean dockerAnswers() {
        // Without any Docker endpoint in sight, skip Testcontainers' probe and its error log.
        boolean endpoint = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!endpoint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static PostgresServer postgres(Path dataRoot, Secrets secrets, boolean ephemeral) {
        String password = secrets.get("postgres.superuser");
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                .withUsername("postgres").withPassword(password).withDatabaseName("postgres");
        if (!ephemeral) {
            container.withFileSystemBind(dataRoot.resolve("postgres-docker").toString(), "/var/lib/postgresql/data", BindMode.READ_WRITE);
        }
        container.start();
        return new PostgresServer() {
            @Override
            public String host() {
                return container.getHost();
            }

            @Override
            public int port() {
                return container.getMappedPort(5432);
            }

            @Override
            public String superuser() {
                return "postgres";
            }

            @Override
            public String superuserPassword() {
                return password;
            }

            @Override
            public String describeData() {
                return ephemeral ? "container " + container.getContainerName() : dataRoot.resolve("postgres-docker").toString();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static RedisServer redis(Path dataRoot, Secrets secrets, boolean ephemeral) {
        String password = secrets.get("redis.password");
        GenericContainer<?> container = new GenericContainer<>("redis:7")
                .withExposedPorts(6379)
                .withCommand(java.util.stream.Stream.concat(java.util.stream.Stream.of("redis-server", "--requirepass", password, "--appendonly",
                        ephemeral ? "no" : "yes"), RedisServer.MEMORY_LIMITS.stream()).toArray(String[]::new));
        if (!ephemeral) {
            container.withFileSystemBind(dataRoot.resolve("redis").toString(), "/data", BindMode.READ_WRITE);
        }
        container.start();
        return new RedisServer() {
            @Override
            public String host() {
                return container.getHost();
            }

            @Override
            public int port() {
                return container.getMappedPort(6379);
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static KeycloakServer keycloak(Path dataRoot, Secrets secrets, boolean ephemeral) {
        String password = secrets.get("keycloak.admin");
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + Versions.keycloak())
                .withAdminUsername("admin").withAdminPassword(password)
                .withProviderLibsFrom(List.of(Versions.keycloakExtension().toFile()));
        if (!ephemeral) {
            container.withFileSystemBind(dataRoot.resolve("keycloak-docker").toString(), "/opt/keycloak/data/h2", BindMode.READ_WRITE);
        }
        container.start();
        return new KeycloakServer() {
            @Override
            public String baseUrl() {
                return "http://localhost:" + container.getHttpPort();
            }

            @Override
            public String adminUsername() {
                return "admin";
            }

            @Override
            public String adminPassword() {
                return password;
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
