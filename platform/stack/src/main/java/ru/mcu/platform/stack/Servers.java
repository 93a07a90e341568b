package ru.mcu.platform.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, Redis and (optionally) Keycloak, really started: Testcontainers where a Docker engine
 * answers, otherwise binaries from Maven Central on 127.0.0.1. Closing stops them in reverse order.
 */
public final class Servers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Servers.class);

    /** How the servers are obtained: {@code MCU_STACK_MODE=auto|docker|binaries}. */
    public enum Mode {
        AUTO, DOCKER, BINARIES;

        public static Mode fromEnvironment() {
            String value = System.getenv().getOrDefault("MCU_STACK_MODE", "auto");
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new StackException("MCU_STACK_MODE must be auto, docker or binaries, not '" + value + "'");
            }
        }
    }

    /**
     * What to start. A port of 0 means any free port. Ephemeral servers trade durability for speed
     * (tests); persistent ones keep their data in {@code dataDir} across restarts.
     */
    public record Options(Path dataDir, boolean ephemeral, boolean withKeycloak, Mode mode,
                          int postgresPort, int redisPort, int keycloakPort) {
        public static Options forTests(Path dataDir, boolean withKeycloak) {
            return new Options(dataDir, true, withKeycloak, Mode.fromEnvironment(), 0, 0, 0);
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path dataDir;
    private final Secrets secrets;
    private PostgresServer postgres;
    private RedisServer redis;
    private KeycloakServer keycloak;

    private Servers(Path dataDir, Secrets secrets) {
        this.dataDir = dataDir;
        this.secrets = secrets;
    }

    public static Servers start(Options options) {
        Path dataDir = options.dataDir().toAbsolutePath();
        Path logDir = dataDir.resolve("logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new StackException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        boolean docker = switch (options.mode()) {
            case DOCKER -> {
                if (!Containers.dockerAnswers()) {
                    throw new StackException("MCU_STACK_MODE=docker, but no Docker engine answers. Start Docker, or use MCU_STACK_MODE=binaries.");
                }
                yield true;
            }
            case BINARIES -> false;
            case AUTO -> Containers.dockerAnswers();
        };
        log.info("Starting servers from {} (data in {})", docker ? "Testcontainers" : "binaries from Maven Central", dataDir);
        Servers servers = new Servers(dataDir, Secrets.in(dataDir));
        try {
            servers.postgres = servers.track(docker
                    ? Containers.postgres(dataDir, servers.secrets, options.ephemeral())
                    : BinaryPostgres.start(dataDir, logDir, port(options.postgresPort()), servers.secrets, options.ephemeral()));
            servers.redis = servers.track(docker
                    ? Containers.redis(dataDir, servers.secrets, options.ephemeral())
                    : BinaryRedis.start(dataDir, logDir, port(options.redisPort()), servers.secrets, options.ephemeral()));
            if (options.withKeycloak()) {
                servers.keycloak = servers.track(docker
                        ? Containers.keycloak(dataDir, servers.secrets, options.ephemeral())
                        : DistKeycloak.start(servers.postgres, Databases.provisionOwned(servers.postgres, servers.secrets, "keycloak"),
                        logDir, port(options.keycloakPort()), servers.secrets));
            }
            return servers;
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /** Deletes all the data a persistent run kept under {@code dataDir}, wherever each server put it. */
    public static void deleteData(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath();
        Cache.deleteTree(BinaryPostgres.rootFor(absolute).resolve("postgres"));
        Cache.deleteTree(absolute);
    }

    private static int port(int requested) {
        return requested == 0 ? Net.freePort() : requested;
    }

    private <T extends AutoCloseable> T track(T server) {
        started.push(server);
        return server;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RedisServer redis() {
        return redis;
    }

    public KeycloakServer keycloak() {
        if (keycloak == null) {
            throw new IllegalStateException("Keycloak was not asked for");
        }
        return keycloak;
    }

    public Secrets secrets() {
        return secrets;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** Stops whatever was started, in reverse order; safe to call twice. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable server = started.pop();
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", server, e.getMessage());
            }
        }
    }
}
