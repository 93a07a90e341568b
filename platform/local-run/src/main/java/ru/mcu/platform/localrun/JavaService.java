package ru.mcu.platform.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ru.mcu.platform.stack.ManagedProcess;
import ru.mcu.platform.stack.Net;
import ru.mcu.platform.stack.StackException;

/** One of our Spring Boot services, run from its jar with the JDK running us, ready when Actuator says so. */
final class JavaService implements AutoCloseable {
    private final int port;
    private final ManagedProcess process;

    private JavaService(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    static JavaService start(String name, Path jar, int port, Map<String, String> environment, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException("The " + name + " jar is missing (" + jar + "): build with ./mvnw -DskipTests package first.");
        }
        Net.requireFree(port, name);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Small heaps and C1 only: three services and Keycloak share two cores on a laptop or CI.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8", "-jar", jar.toString()));
        return new JavaService(port, ManagedProcess.start(name, command, environment, jar.getParent(),
                logDir.resolve(name + ".log")));
    }

    void awaitReady(Duration timeout) {
        process.awaitReady(timeout, this::ready);
    }

    private boolean ready() {
        return Net.answersOk("http://" + Net.LOOPBACK + ":" + port + "/actuator/health/readiness");
    }

    @Override
    public void close() {
        process.close();
    }
}
