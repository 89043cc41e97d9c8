package org.griot.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A JVM that starts the embedded MariaDB on the folder given as argument, writes a row, says READY
 * and waits to be killed: {@link EmbeddedMariaDbTests} kills it with SIGKILL, as an OOM killer would.
 */
public final class EmbeddedMariaDbChild {

    private EmbeddedMariaDbChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(new DatabaseProperties.Embedded(args[0], 0, "crash"));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement s = c.createStatement()) {
            s.execute("create table if not exists queued_call (id int primary key, caller varchar(20))");
            s.execute("replace into queued_call values (1, '22997000042')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
