package ru.mcu.platform.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child process the stack started: its output goes to a log file, and it is stopped with its children. */
public final class ManagedProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** Every process still running, newest first: what an interrupted start must stop. */
    private static final java.util.Deque<ManagedProcess> LIVE = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                       Path workDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(detached(command))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            log.debug("starting {}", name);
            ManagedProcess started = new ManagedProcess(name, builder.start(), logFile);
            LIVE.push(started);
            return started;
        } catch (IOException e) {
            throw new StackException("Cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    /** Runs a one-shot command to its end; a non-zero exit fails with the end of its log. */
    public static void run(String name, List<String> command, Map<String, String> environment, Path workDir,
                           Path logFile, Duration timeout) {
        ManagedProcess process = start(name, command, environment, workDir, logFile);
        try {
            if (!process.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.close();
                throw new StackException(name + " did not finish within " + timeout.toSeconds() + " s. The end of its log ("
                        + logFile + "):\n" + tail(logFile, 25));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
        if (process.process.exitValue() != 0) {
            throw new StackException(name + " failed with exit code " + process.process.exitValue() + ". The end of its log ("
                    + logFile + "):\n" + tail(logFile, 25));
        }
    }

    /** Polls until ready; a process that dies meanwhile fails at once with the end of its log. */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackException(name + " exited with code " + process.exitValue()
                        + " while starting. The end of its log (" + logFile + "):\n" + tail(logFile, 25));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(250);
        }
        close();
        throw new StackException(name + " did not become ready within " + timeout.toSeconds()
                + " s. The end of its log (" + logFile + "):\n" + tail(logFile, 25));
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops every process the stack started and has not stopped, newest first (Ctrl-C during a start). */
    public static void closeAll() {
        for (ManagedProcess process : LIVE) {
            process.close();
        }
    }

    @Override
    public void close() {
        LIVE.remove(this);
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 30 s; killing it", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Runs the command in a session of its own, so that Ctrl-C in the terminal reaches only the
     * launcher, which then stops the services before the servers they use.
     */
    private static List<String> detached(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> detached = new java.util.ArrayList<>(command.size() + 1);
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
