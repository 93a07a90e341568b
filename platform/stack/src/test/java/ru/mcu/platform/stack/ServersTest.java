package ru.mcu.platform.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServersTest {
    @TempDir
    static Path data;
    static Servers servers;

    @BeforeAll
    static void start() {
        servers = Servers.start(Servers.Options.forTests(data, false));
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void provisionsAServiceDatabaseWhoseApplicationRoleOwnsNothingAndCannotBypassRowSecurity() throws Exception {
        Databases.ServiceDatabase db = Databases.provision(servers.postgres(), servers.secrets(), "sample");
        // Provisioning twice (a restart) must find the same roles and database.
        Databases.ServiceDatabase again = Databases.provision(servers.postgres(), servers.secrets(), "sample");
        assertThat(again).isEqualTo(db);

        try (Connection c = DriverManager.getConnection(db.app().url(), db.app().username(), db.app().password());
             ResultSet rs = c.createStatement().executeQuery(
                     "select rolsuper, rolbypassrls, rolcreaterole, current_database(), version() from pg_roles where rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("superuser").isFalse();
            assertThat(rs.getBoolean(2)).as("bypassrls").isFalse();
            assertThat(rs.getBoolean(3)).as("createrole").isFalse();
            assertThat(rs.getString(4)).isEqualTo("sample");
            assertThat(rs.getString(5)).startsWith("PostgreSQL 17");
        }
        try (Connection c = DriverManager.getConnection(db.owner().url(), db.owner().username(), db.owner().password());
             ResultSet rs = c.createStatement().executeQuery("select pg_get_userbyid(datdba) from pg_database where datname = 'sample'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("sample_owner");
        }
    }

    /** A query PostgreSQL runs in parallel workers (as it does on large analytics tables) gets its answer. */
    @Test
    void parallelWorkersStartWithTheServersTextSearchConfiguration() throws Exception {
        Databases.ServiceDatabase db = Databases.provision(servers.postgres(), servers.secrets(), "parallel");
        try (Connection c = DriverManager.getConnection(db.app().url(), db.app().username(), db.app().password())) {
            try (ResultSet rs = c.createStatement().executeQuery("show default_text_search_config")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("pg_catalog.russian");
            }
            c.createStatement().execute("set debug_parallel_query = on");
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from generate_series(1, 1000)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1000);
            }
        }
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> DriverManager.getConnection(servers.postgres().jdbcUrl("postgres"), "postgres", "wrong"))
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void redisAnswersOnlyWithItsPassword() throws Exception {
        assertThat(redis("PING")).startsWith("-NOAUTH");
        assertThat(redis("AUTH " + servers.redis().password() + "\r\nPING")).isEqualTo("+OK");
    }

    @Test
    void redisHasAMemoryLimitAndEvictsOnlyKeysThatExpire() throws Exception {
        String auth = "AUTH " + servers.redis().password() + "\r\n";
        // Replies: +OK for AUTH, then the two-element array of CONFIG GET: *2, $n, name, $n, value.
        assertThat(redisLines(auth + "CONFIG GET maxmemory-policy", 6).getLast()).isEqualTo("volatile-lru");
        assertThat(Long.parseLong(redisLines(auth + "CONFIG GET maxmemory", 6).getLast())).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void aTakenPortIsNamedInTheError() throws Exception {
        int port = servers.redis().port();
        assertThatThrownBy(() -> Net.requireFree(port, "Redis"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Port " + port).hasMessageContaining("Redis").hasMessageContaining("already taken");
    }

    private static java.util.List<String> redisLines(String commands, int lines) throws Exception {
        try (Socket socket = new Socket(servers.redis().host(), servers.redis().port())) {
            OutputStream out = socket.getOutputStream();
            out.write((commands + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            java.util.List<String> read = new java.util.ArrayList<>();
            for (int i = 0; i < lines; i++) {
                read.add(in.readLine());
            }
            return read;
        }
    }

    private static String redis(String commands) throws Exception {
        try (Socket socket = new Socket(servers.redis().host(), servers.redis().port())) {
            OutputStream out = socket.getOutputStream();
            out.write((commands + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
