package ru.mcu.platform.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import ru.mcu.platform.stack.Databases;
import ru.mcu.platform.stack.KeycloakServer;
import ru.mcu.platform.stack.Net;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.stack.RedisServer;
import ru.mcu.platform.stack.Servers;
import ru.mcu.platform.stack.StackException;

/**
 * The whole platform on this machine: the servers, then tenant-service, core-service and the
 * gateway as processes wired together exactly as the Helm chart wires them (same variables), then
 * the demo data. Closing stops everything it started, services first.
 */
final class Platform implements AutoCloseable {
    /** Ports of 0 are chosen free (tests); the local run uses the documented fixed ones. */
    record Options(Path dataDir, boolean ephemeral, int gatewayPort, int tenantPort, int corePort,
                   int postgresPort, int redisPort, int keycloakPort, int simulatorPort) {
        static Options local(Path dataDir) {
            return new Options(dataDir, false, 8080, 8081, 8082, 15432, 16379, 8180, 8090);
        }

        static Options forTests(Path dataDir) {
            return new Options(dataDir, true, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private final Servers servers;
    private final Deque<JavaService> services = new ArrayDeque<>();
    private final String gatewayUrl;
    private String coreUrl;
    private ExternalSystems simulator;

    private Platform(Servers servers, String gatewayUrl) {
        this.servers = servers;
        this.gatewayUrl = gatewayUrl;
    }

    static Platform start(Options options) {
        int gatewayPort = port(options.gatewayPort());
        int tenantPort = port(options.tenantPort());
        int corePort = port(options.corePort());
        // Refuse early, before anything starts, if a port is taken.
        Net.requireFree(gatewayPort, "the gateway");
        Net.requireFree(tenantPort, "tenant-service");
        Net.requireFree(corePort, "core-service");
        if (options.simulatorPort() != 0) {
            Net.requireFree(options.simulatorPort(), "the external systems simulator");
        }

        Servers servers = Servers.start(new Servers.Options(options.dataDir(), options.ephemeral(), true,
                Servers.Mode.fromEnvironment(), options.postgresPort(), options.redisPort(), options.keycloakPort()));
        Platform platform = new Platform(servers, "http://localhost:" + gatewayPort);
        try {
            DemoFixture demo = DemoFixture.load();
            platform.startServices(tenantPort, corePort, gatewayPort, demo.municipalities());
            demo.apply(servers.keycloak());
            platform.awaitStaffPublished(demo.municipalities());
            platform.simulator = ExternalSystems.start(platform, demo, options.simulatorPort());
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startServices(int tenantPort, int corePort, int gatewayPort, List<String> municipalities) {
        Properties jars = artifacts();
        KeycloakServer keycloak = servers.keycloak();
        String issuer = keycloak.issuer(PlatformRealm.REALM);
        coreUrl = "http://" + Net.LOOPBACK + ":" + corePort;
        String clientSecret = PlatformRealm.prepare(keycloak, gatewayUrl);

        Map<String, String> gateway = withRedis(Map.of("SERVER_PORT", String.valueOf(gatewayPort), "MCU_ISSUER_URI", issuer,
                "MCU_GATEWAY_CLIENT_ID", PlatformRealm.GATEWAY_CLIENT, "MCU_GATEWAY_CLIENT_SECRET", clientSecret,
                "MCU_TENANT_SERVICE_URI", "http://" + Net.LOOPBACK + ":" + tenantPort,
                "MCU_CORE_SERVICE_URI", "http://" + Net.LOOPBACK + ":" + corePort));
        List<JavaService> started = List.of(
                JavaService.start("tenant-service", Path.of(jars.getProperty("tenant-service.jar")), tenantPort,
                        with(with(serviceEnvironment("tenant", tenantPort, issuer), "MCU_KEYCLOAK_ADMIN_CLIENT_SECRET",
                                PlatformRealm.clientSecret(keycloak, PlatformRealm.TENANT_SERVICE_CLIENT)),
                                "MCU_ONBOARDING_AT_START", String.join(",", municipalities)), servers.logDir()),
                JavaService.start("core-service", Path.of(jars.getProperty("core-service.jar")), corePort,
                        serviceEnvironment("core", corePort, issuer), servers.logDir()),
                JavaService.start("gateway", Path.of(jars.getProperty("gateway.jar")), gatewayPort, gateway, servers.logDir()));
        started.forEach(services::push);
        try {
            CompletableFuture.allOf(started.stream()
                    .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(Duration.ofMinutes(3))))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The demo's people are usable once tenant-service has published each municipality's staff
     * list (its reconciliation every 30 s): before that nobody could be given a message.
     */
    private void awaitStaffPublished(List<String> municipalities) {
        RedisServer redis = servers.redis();
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (String municipality : municipalities) {
            while (!published(redis, municipality)) {
                if (System.nanoTime() > until) {
                    throw new StackException("tenant-service did not publish the staff of " + municipality + " within 90 s (see its log)");
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackException("Interrupted while waiting for the staff lists", e);
                }
            }
        }
    }

    /** HLEN of the municipality's published staff list, in Redis's plain-text protocol (one question, no client library needed). */
    private static boolean published(RedisServer redis, String municipality) {
        try (java.net.Socket socket = new java.net.Socket(redis.host(), redis.port());
             var out = socket.getOutputStream();
             var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            socket.setSoTimeout(2_000);
            out.write(("AUTH \"" + redis.password() + "\"\r\nHLEN mcu:staff:" + municipality + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            String auth = in.readLine();
            String length = in.readLine();
            if (auth == null || !auth.startsWith("+OK")) {
                throw new StackException("Redis refused the platform's password: " + auth);
            }
            // Onboarding publishes the first administrator alone; the demo adds the role users.
            return length != null && length.startsWith(":") && Long.parseLong(length.substring(1)) > 1;
        } catch (IOException e) {
            return false;
        }
    }

    /** The variables a service database needs, the same names the Helm chart sets. */
    private Map<String, String> serviceEnvironment(String database, int port, String issuer) {
        Databases.ServiceDatabase db = Databases.provision(servers.postgres(), servers.secrets(), database);
        return withRedis(Map.of("SERVER_PORT", String.valueOf(port), "MCU_ISSUER_URI", issuer,
                "SPRING_DATASOURCE_URL", db.app().url(), "SPRING_DATASOURCE_USERNAME", db.app().username(),
                "SPRING_DATASOURCE_PASSWORD", db.app().password(),
                "SPRING_LIQUIBASE_USER", db.owner().username(), "SPRING_LIQUIBASE_PASSWORD", db.owner().password()));
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> all = new HashMap<>(environment);
        all.put(name, value);
        return all;
    }

    private Map<String, String> withRedis(Map<String, String> environment) {
        RedisServer redis = servers.redis();
        Map<String, String> all = new HashMap<>(environment);
        all.put("SPRING_DATA_REDIS_HOST", redis.host());
        all.put("SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()));
        all.put("SPRING_DATA_REDIS_PASSWORD", redis.password());
        return all;
    }

    /**
     * The services' jars: where the build installed them, or, with {@code -Dmcu.platform.jars=DIR},
     * the same file names in DIR (a long benchmark runs from its own copy while ~/.m2 is rebuilt).
     */
    static Properties artifacts() {
        Properties properties = new Properties();
        try (InputStream in = Platform.class.getResourceAsStream("/platform-artifacts.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new StackException("platform-artifacts.properties is missing: build with ./mvnw -DskipTests package.");
        }
        String copies = System.getProperty("mcu.platform.jars", "");
        if (!copies.isBlank()) {
            properties.stringPropertyNames().forEach(name -> properties.setProperty(name,
                    Path.of(copies).resolve(Path.of(properties.getProperty(name)).getFileName()).toString()));
        }
        return properties;
    }

    private static int port(int requested) {
        return requested == 0 ? Net.freePort() : requested;
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    /** core-service itself, where channel connectors post (in a cluster, the ingress's /api/intake). */
    String coreUrl() {
        return coreUrl;
    }

    String issuer() {
        return servers.keycloak().issuer(PlatformRealm.REALM);
    }

    /** «ИМИТАТОР ВНЕШНИХ СИСТЕМ»: the ЦУР, the source platforms and the citizens, played in a demo. */
    String simulatorUrl() {
        return simulator.url();
    }

    Servers servers() {
        return servers;
    }

    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
        }
        while (!services.isEmpty()) {
            services.pop().close();
        }
        servers.close();
    }
}
