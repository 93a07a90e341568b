package ru.mcu.platform.localrun;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import ru.mcu.platform.stack.ManagedProcess;
import ru.mcu.platform.stack.Servers;
import ru.mcu.platform.stack.StackException;

/**
 * {@code ./mcu run}: the whole platform on 127.0.0.1 until Ctrl-C.
 * Options: {@code --data-dir DIR} (default ./.data), {@code --reset} (start from empty data).
 */
public final class LocalPlatform {
    private LocalPlatform() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(".data");
        boolean reset = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reset" -> reset = true;
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                default -> {
                    System.err.println("Unknown option " + args[i] + ". Usage: ./mcu run [--reset] [--data-dir DIR]");
                    System.exit(2);
                }
            }
        }
        dataDir = dataDir.toAbsolutePath();
        java.util.concurrent.atomic.AtomicReference<Platform> running = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before anything starts, so that Ctrl-C during a start stops what has started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the platform…");
            Platform platform = running.get();
            if (platform != null) {
                platform.close();
            } else {
                ManagedProcess.closeAll();
            }
            stopped.countDown();
        }, "stop-platform"));
        try {
            if (reset) {
                Servers.deleteData(dataDir);
                System.out.println("Reset: deleted the data in " + dataDir);
            }
            running.set(Platform.start(Platform.Options.local(dataDir)));
        } catch (StackException e) {
            System.err.println("\nThe platform did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        banner(running.get(), dataDir);
        stopped.await();
    }

    private static void banner(Platform platform, Path dataDir) {
        String pg = platform.servers().postgres().describeData();
        System.out.printf("""

                ──────────────────────────────────────────────────────────────
                 Платформа МЦУ is running: %s
                ──────────────────────────────────────────────────────────────
                 Demo logins (user / password):
                   operator / operator   региональный оператор ЦУР (all municipalities)
                   irkutsk  / irkutsk    сотрудник МЦУ, Иркутский район
                   ishim    / ishim      сотрудник МЦУ, город Ишим
                   <municipality>-<role> / demo   one per role of each template,
                                         e.g. tashtagol-im-responsible, ishim-secretary
                   admin@<municipality>.mcu.invalid / demo   first administrator
                                         (must set a new password at first login)
                 Municipalities: irkutsk-district, barnaul, tashtagol, nyuksenitsa, ishim
                 Services: gateway :8080, tenant-service :8081, core-service :8082
                 ИМИТАТОР ВНЕШНИХ СИСТЕМ (ЦУР, ПОС, жители; demo only): %s
                 Keycloak: http://localhost:8180 (admin password in %s)
                 PostgreSQL 127.0.0.1:15432, Redis 127.0.0.1:16379
                 Data: %s%s
                 Logs: %s
                 Ctrl-C stops everything; ./mcu run --reset starts from empty data.
                ──────────────────────────────────────────────────────────────
                %n""", platform.gatewayUrl(), platform.simulatorUrl(), dataDir.resolve("secrets.properties"), dataDir,
                pg.startsWith(dataDir.toString()) ? "" : " (PostgreSQL: " + pg + ")", platform.servers().logDir());
    }
}
