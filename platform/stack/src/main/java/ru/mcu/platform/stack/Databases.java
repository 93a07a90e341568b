package ru.mcu.platform.stack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * One database per service, owned by a role that only migrations use, and an application role
 * that owns nothing and cannot bypass row-level security: the split ARCHITECTURE.md requires.
 */
public final class Databases {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    /** A login role and the database it is meant for. */
    public record Credentials(String url, String database, String username, String password) {
    }

    /** The owner (for Liquibase) and the application role (for everything else) of one service database. */
    public record ServiceDatabase(Credentials owner, Credentials app) {
    }

    private Databases() {
    }

    /** Creates (or finds again) the roles and the database; safe to repeat on every start. */
    public static ServiceDatabase provision(PostgresServer postgres, Secrets secrets, String database) {
        Credentials owner = role(postgres, secrets, database, database + "_owner");
        Credentials app = role(postgres, secrets, database, database + "_app");
        try (Connection c = postgres.superuserConnection("postgres")) {
            ensureRole(c, owner, "NOSUPERUSER NOCREATEROLE NOBYPASSRLS");
            ensureRole(c, app, "NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS");
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + database + " OWNER " + owner.username() + " ENCODING 'UTF8'");
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
                s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + app.username());
            }
        } catch (SQLException e) {
            throw new StackException("Cannot provision database " + database + " on " + postgres.jdbcUrl(database)
                    + ": " + e.getMessage(), e);
        }
        return new ServiceDatabase(owner, app);
    }

    /** A database with a single owner role, for Keycloak. */
    public static Credentials provisionOwned(PostgresServer postgres, Secrets secrets, String database) {
        Credentials owner = role(postgres, secrets, database, database);
        try (Connection c = postgres.superuserConnection("postgres")) {
            ensureRole(c, owner, "NOSUPERUSER NOCREATEROLE");
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + database + " OWNER " + owner.username() + " ENCODING 'UTF8'");
                }
            }
        } catch (SQLException e) {
            throw new StackException("Cannot provision database " + database + ": " + e.getMessage(), e);
        }
        return owner;
    }

    private static Credentials role(PostgresServer postgres, Secrets secrets, String database, String role) {
        if (!IDENTIFIER.matcher(role).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + role);
        }
        return new Credentials(postgres.jdbcUrl(database), database, role, secrets.get("postgres." + role));
    }

    private static void ensureRole(Connection c, Credentials role, String attributes) throws SQLException {
        String verb = exists(c, "select 1 from pg_roles where rolname = ?", role.username()) ? "ALTER" : "CREATE";
        // The password is generated hex, and DDL takes no bind parameters.
        try (Statement s = c.createStatement()) {
            s.execute(verb + " ROLE " + role.username() + " LOGIN " + attributes + " PASSWORD '" + role.password() + "'");
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
