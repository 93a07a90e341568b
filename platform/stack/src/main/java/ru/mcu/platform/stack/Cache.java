package ru.mcu.platform.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Where unpacked server binaries are kept between runs ($XDG_CACHE_HOME/mcu-platform). */
final class Cache {
    private Cache() {
    }

    static Path dir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mcu-platform");
    }

    /** Fills a directory of the cache. */
    interface Filler {
        void fill(Path dir) throws IOException;
    }

    /**
     * Installs something into {@code home} once: filled in a private partial directory, marked
     * complete and moved into place, so a half-finished or concurrent install is never used.
     */
    static Path installOnce(Path home, String what, Filler filler) {
        if (Files.exists(home.resolve(".complete"))) {
            return home;
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            filler.fill(partial);
            Files.writeString(partial.resolve(".complete"), what);
            try {
                Files.move(partial, home);
            } catch (IOException raced) {
                deleteTree(partial); // another process installed it first
            }
            return home;
        } catch (IOException e) {
            deleteTree(partial);
            throw new StackException("Cannot unpack " + what + " into " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * A directory in a world-writable place (/var/tmp) that we run binaries from as root: it must be
     * ours and writable by us alone, or anyone could plant a "postgres" there.
     */
    static void requireOwnedAndPrivate(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            var owner = Files.getOwner(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName();
            var permissions = Files.getPosixFilePermissions(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(dir) || !owner.equals(System.getProperty("user.name"))
                    || permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
                throw new StackException(dir + " is not owned by " + System.getProperty("user.name")
                        + " or is writable by others; remove it (rm -rf " + dir + ") and start again.");
            }
        } catch (IOException e) {
            throw new StackException("Cannot check " + dir + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new StackException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
