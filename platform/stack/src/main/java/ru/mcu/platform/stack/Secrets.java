package ru.mcu.platform.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Passwords of the local servers, generated once per data directory and kept beside the data
 * (mode 0600), so that a restart finds the same roles and nothing is a well-known default.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    private Secrets(Path file) {
        this.file = file;
    }

    public static Secrets in(Path dataDir) {
        Secrets secrets = new Secrets(dataDir.resolve("secrets.properties"));
        if (Files.exists(secrets.file)) {
            try (Reader reader = Files.newBufferedReader(secrets.file, StandardCharsets.UTF_8)) {
                secrets.values.load(reader);
            } catch (IOException e) {
                throw new StackException("Cannot read " + secrets.file + ": " + e.getMessage(), e);
            }
        }
        return secrets;
    }

    /** The value for the key, generating and saving one the first time. */
    public synchronized String get(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            value = HexFormat.of().formatHex(bytes);
            values.setProperty(key, value);
            save();
        }
        return value;
    }

    /** Written whole to a private file and moved into place: a crash never leaves half a file of passwords. */
    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "secrets", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                values.store(writer, "Generated passwords of the local МЦУ platform servers");
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
