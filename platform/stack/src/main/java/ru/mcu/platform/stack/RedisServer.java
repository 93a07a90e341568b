package ru.mcu.platform.stack;

/** A running Redis server on loopback, with a password. */
public interface RedisServer extends AutoCloseable {
    /**
     * Bounded memory, and only keys with a time to live may be evicted: sessions and rate-limit
     * buckets can go under pressure (a user signs in again), the published municipal configurations
     * (no TTL) never do.
     */
    java.util.List<String> MEMORY_LIMITS = java.util.List.of("--maxmemory", "256mb", "--maxmemory-policy", "volatile-lru");

    String host();

    int port();

    String password();

    @Override
    void close();
}
