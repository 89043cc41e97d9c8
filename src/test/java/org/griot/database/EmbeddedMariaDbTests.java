package org.griot.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded MariaDB on its own, without Spring: real grants, and a restart after kill -9 of its JVM. */
class EmbeddedMariaDbTests {

    @Test
    void runsWithRealGrantsAGeneratedPasswordAndOnlyOnLoopback() throws Exception {
        Path dataDir = Files.createTempDirectory("griot-grants").resolve("mariadb");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(new DatabaseProperties.Embedded(dataDir.toString(), 0, "granted"))) {
            Path passwordFile = dataDir.resolve(EmbeddedAccount.PASSWORD_FILE);
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(db.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(EmbeddedMariaDb.INIT_FILE))))
                    .isEqualTo("rw-------");

            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                    Statement s = c.createStatement()) {
                assertThat(single(s, "select @@bind_address")).isEqualTo("127.0.0.1");
                assertThat(single(s, "select current_user()")).isEqualTo("griot@127.0.0.1");
                s.execute("create table t (id int primary key)");
                // With --skip-grant-tables every client is superuser; with real grants the account sees its database only.
                assertThatThrownBy(() -> s.executeQuery("select * from mysql.global_priv")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("denied");
                assertThatThrownBy(() -> s.execute("create database elsewhere")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("denied");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "root", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), "guessed").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "", "").close())
                    .isInstanceOf(SQLException.class);
        }
        try (EmbeddedMariaDb again = EmbeddedMariaDb.start(new DatabaseProperties.Embedded(dataDir.toString(), 0, "granted"));
                Connection c = DriverManager.getConnection(again.jdbcUrl(), again.username(), again.password())) {
            assertThat(again.password()).isEqualTo(Files.readString(dataDir.resolve(EmbeddedAccount.PASSWORD_FILE)).strip());
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void startsAgainAfterItsJvmWasKilledAndStopsTheOrphanedServer() throws Exception {
        Path dataDir = Files.createTempDirectory("griot-crash").resolve("mariadb");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), EmbeddedMariaDbChild.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        long orphanPid;
        try {
            assertThat(awaitReady(child)).as("the child JVM started its embedded MariaDB").isTrue();
            orphanPid = Long.parseLong(Files.readString(dataDir.resolve(EmbeddedMariaDb.PID_FILE)).strip());
            assertThat(OrphanedServer.serversOf(dataDir.toRealPath())).extracting(ProcessHandle::pid).containsExactly(orphanPid);
            // While its JVM lives, the server is in use: a second start on the folder is refused, not disruptive.
            assertThatThrownBy(() -> EmbeddedMariaDb.start(new DatabaseProperties.Embedded(dataDir.toString(), 0, "crash")))
                    .hasMessageContaining("in use");
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no Spring close, mariadbd is left behind
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("mariadbd outlived its JVM").contains(true);

        try (EmbeddedMariaDb restarted = EmbeddedMariaDb.start(new DatabaseProperties.Embedded(dataDir.toString(), 0, "crash"));
                Connection c = DriverManager.getConnection(restarted.jdbcUrl(), restarted.username(), restarted.password());
                Statement s = c.createStatement()) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).as("orphan stopped").isFalse();
            assertThat(single(s, "select caller from queued_call where id = 1")).isEqualTo("22997000042");
            assertThat(OrphanedServer.serversOf(dataDir.toRealPath())).extracting(ProcessHandle::pid)
                    .doesNotContain(orphanPid).hasSize(1);
        }
        assertThat(OrphanedServer.serversOf(dataDir.toRealPath())).isEmpty();
    }

    private static boolean awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new java.util.ArrayList<>();
            try {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.equals("READY")) {
                        // keep draining so that the child never blocks on a full pipe
                        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
                        drain.setDaemon(true);
                        drain.start();
                        return true;
                    }
                    seen.add(line);
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                seen.add(e.toString());
            }
            System.err.println(String.join("\n", seen));
            return false;
        });
        return ready.get(180, TimeUnit.SECONDS);
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
