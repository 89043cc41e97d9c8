package org.griot.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/mariadb/runtime-grants.sql on a real MariaDB (embedded, with real grants): the owner migrates
 * Griot's whole schema with Liquibase, grants the runtime account its rights as Griot does at start,
 * and the runtime account can then append to the audit trail but neither change nor remove it.
 */
class ProductionGrantsIntegrationTests {

    static final String OWNER = "griot_owner";
    static final String OWNER_PASSWORD = "owner-Pa55-for-the-test";
    static final String RUNTIME = "griot_runtime";
    static final String RUNTIME_PASSWORD = "runtime-Pa55-for-the-test";

    static EmbeddedMariaDb server;
    static String url;

    @BeforeAll
    static void migrateAsOwnerAndGrantTheRuntimeAccount() throws Exception {
        Path dataDir = Files.createTempDirectory("griot-grants").resolve("mariadb");
        server = EmbeddedMariaDb.start(new DatabaseProperties.Embedded(dataDir.toString(), 0, "prodlike"));
        url = server.jdbcUrl();
        server.runAsAdministrator(String.join("\n",
                "CREATE USER '" + OWNER + "'@'127.0.0.1' IDENTIFIED BY '" + OWNER_PASSWORD + "';",
                "GRANT ALL PRIVILEGES ON prodlike.* TO '" + OWNER + "'@'127.0.0.1' WITH GRANT OPTION;",
                "CREATE USER '" + RUNTIME + "'@'127.0.0.1' IDENTIFIED BY '" + RUNTIME_PASSWORD + "';",
                // A mistaken database-wide grant, as a hurried DBA might leave: the script must take it back.
                "GRANT ALL PRIVILEGES ON prodlike.* TO '" + RUNTIME + "'@'127.0.0.1';",
                "USE prodlike;",
                Files.readString(Path.of("docker", "mariadb", "runtime-grants.sql"))));
        try (Connection owner = DriverManager.getConnection(url, OWNER, OWNER_PASSWORD)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(owner));
            try (Liquibase liquibase = new Liquibase("db/changelog/db.changelog-master.yaml",
                    new ClassLoaderResourceAccessor(), database)) {
                liquibase.update(new Contexts("prod"), new LabelExpression());
            }
        }
        RuntimeGrants.apply(url, OWNER, OWNER_PASSWORD, RUNTIME, "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRuntimeAccountAppendsToTheAuditTrailAsGriotDoes() throws Exception {
        try (Connection c = runtime(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet head = s.executeQuery("select last_event_id from audit_chain_head where id = 1 for update")) {
                assertThat(head.next()).isTrue();
            }
            assertThat(s.executeUpdate("""
                    insert into audit_event (id, occurred_at, actor, action, outcome, previous_hash, hash, key_id)
                    values (1, now(6), 'alice', 'LOGIN_SUCCEEDED', 'SUCCESS', repeat('0', 64), repeat('1', 64), 'k1')""")).isEqualTo(1);
            assertThat(s.executeUpdate("update audit_chain_head set last_event_id = 1, last_hash = repeat('1', 64) where id = 1"))
                    .isEqualTo(1);
            assertThat(s.executeUpdate("""
                    insert into audit_verification (verified_at, events_checked, intact) values (now(3), 1, true)"""))
                    .isEqualTo(1);
            c.commit();
            try (ResultSet rs = s.executeQuery("select count(*) from audit_event")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isPositive();
            }
        }
    }

    @Test
    void theRuntimeAccountCanNeitherChangeNorRemoveTheAuditTrail() throws Exception {
        try (Connection c = runtime(); Statement s = c.createStatement()) {
            for (String tampering : new String[] {
                    "update audit_event set actor = 'nobody'",
                    "delete from audit_event where id > 0",
                    "delete from audit_verification",
                    "update audit_verification set intact = true",
                    "delete from audit_chain_head",
                    "truncate table audit_event",
                    "drop table audit_event",
                    "alter table audit_event add column note text",
                    "create trigger t before insert on audit_event for each row set new.actor = 'x'",
                    "update DATABASECHANGELOG set md5sum = null",
                    "grant select on prodlike.audit_event to 'griot_runtime'@'127.0.0.1'" }) {
                assertThatThrownBy(() -> s.execute(tampering)).as(tampering).isInstanceOf(SQLException.class)
                        .hasMessageContaining("denied");
            }
        }
    }

    @Test
    void theRuntimeAccountKeepsOrdinaryRightsOnGriotsOtherTables() throws Exception {
        try (Connection c = runtime(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update ACT_GE_PROPERTY set VALUE_ = VALUE_ where NAME_ = 'schema.version'"))
                    .isEqualTo(1);
            assertThat(s.executeUpdate("delete from QRTZ_LOCKS where SCHED_NAME = 'nobody'")).isZero();
            try (ResultSet rs = s.executeQuery("show grants for current_user()")) {
                StringBuilder grants = new StringBuilder();
                while (rs.next()) {
                    grants.append(rs.getString(1)).append('\n');
                }
                assertThat(grants.toString()).contains("GRANT SELECT, INSERT ON `prodlike`.`audit_event`")
                        .doesNotContain("ON `prodlike`.* TO");
            }
        }
    }

    private static Connection runtime() throws SQLException {
        return DriverManager.getConnection(url, RUNTIME, RUNTIME_PASSWORD);
    }
}
