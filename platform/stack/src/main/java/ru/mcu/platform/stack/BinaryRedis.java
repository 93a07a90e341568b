package ru.mcu.platform.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Redis 7 from the binary inside org.signal:embedded-redis on Maven Central, started by us. */
final class BinaryRedis implements RedisServer {
    private static final Logger log = LoggerFactory.getLogger(BinaryRedis.class);

    private final int port;
    private final String password;
    private final ManagedProcess process;

    private BinaryRedis(int port, String password, ManagedProcess process) {
        this.port = port;
        this.password = password;
        this.process = process;
    }

    static BinaryRedis start(Path dataRoot, Path logDir, int port, Secrets secrets, boolean ephemeral) {
        Net.requireFree(port, "Redis");
        Path binary = binary();
        Path dir = dataRoot.resolve("redis");
        String password = secrets.get("redis.password");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(),
                "--port", String.valueOf(port), "--bind", Net.LOOPBACK, "--protected-mode", "yes",
                "--requirepass", password, "--dir", dir.toString(),
                "--appendonly", ephemeral ? "no" : "yes", "--save", ""));
        command.addAll(MEMORY_LIMITS);
        ManagedProcess process = ManagedProcess.start("Redis", command,
                Map.of(), dir, logDir.resolve("redis.log"));
        process.awaitReady(Duration.ofSeconds(30), () -> Net.listening(port));
        log.info("Redis {} on {}:{} (data in {})", Versions.REDIS, Net.LOOPBACK, port, dir);
        return new BinaryRedis(port, password, process);
    }

    private static Path binary() {
        String name = "redis-server-" + Versions.REDIS + "-linux-amd64";
        Path home = Cache.installOnce(Cache.dir().resolve("redis-" + Versions.REDIS), "Redis " + Versions.REDIS, dir -> {
            try (InputStream in = BinaryRedis.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new StackException("The Redis binary (" + name + ") is not on the classpath: build the project "
                            + "with ./mvnw so that Maven fetches org.signal:embedded-redis.");
                }
                Files.copy(in, dir.resolve("redis-server"));
            }
            Files.setPosixFilePermissions(dir.resolve("redis-server"), PosixFilePermissions.fromString("rwxr-xr-x"));
        });
        return home.resolve("redis-server");
    }

    @Override
    public String host() {
        return Net.LOOPBACK;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void close() {
        process.close();
    }
}
