package ru.mcu.platform.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A running PostgreSQL server, reached on loopback with a superuser that only the stack uses. */
public interface PostgresServer extends AutoCloseable {
    String host();

    int port();

    String superuser();

    String superuserPassword();

    /** Where the data lives, for the person at the terminal. */
    String describeData();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), superuser(), superuserPassword());
    }

    @Override
    void close();
}
