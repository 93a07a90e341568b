package ru.mcu.platform.stack;

/** A running Redis server on loopback, with a password. */
public interface RedisServer extends AutoCloseable {
    String host();

    int port();

    String password();

    @Override
    void close();
}
