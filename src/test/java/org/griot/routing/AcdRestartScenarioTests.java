package org.griot.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.griot.IntegrationTest;
import org.griot.database.DatabaseProperties;
import org.griot.database.EmbeddedMariaDb;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18, scenario 1: Griot is killed (kill -9) while callers wait on hold, and started again.
 * Griot runs in a child JVM; the fake Asterisk and the MariaDB run in this JVM, so they outlive it,
 * as Asterisk and the database server outlive a crashed Griot. Half the callers have a contact in
 * MariaDB, half were parked without one (the script leaves it out); one of each hangs up while Griot
 * is dead. After the restart every caller still held is connected to the agent, in order of
 * arrival, exactly once; the contact of the caller who left is closed as abandoned.
 */
class AcdRestartScenarioTests {

    private static final int CALLERS = 8;
    private static final String AGENT_EXTENSION = "3190";

    private final List<Process> children = new ArrayList<>();
    private FakeAsterisk fake;
    private EmbeddedMariaDb database;
    private String databaseUrl;
    private String databaseUser = "root";
    private String databasePassword = "";

    @AfterEach
    void cleanUp() throws Exception {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        if (fake != null) {
            fake.close();
        }
        if (database != null) {
            database.close();
        } else if (databaseUrl != null) {
            String server = databaseUrl.substring(0, databaseUrl.lastIndexOf('/'));
            try (Connection connection = DriverManager.getConnection(server + "/", databaseUser, databasePassword)) {
                connection.createStatement().execute("drop database if exists " + databaseUrl.substring(server.length() + 1));
            }
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void callersHeldAcrossAKill9AreAllConnectedAfterTheRestartInArrivalOrderNoneTwice() throws Exception {
        Path work = IntegrationTest.WORK.resolve("acd-restart");
        Files.createDirectories(work);
        useADatabaseOfItsOwn(work);
        int agiPort = freePort();
        fake = FakeAsterisk.builder().amiUser("griot", "restart-secret").fastAgiServer("127.0.0.1", agiPort)
                .dialplan("1998", "agi://127.0.0.1:" + agiPort + "/" + AcdRestartChild.SCRIPT)
                .ringDuration(Duration.ofMillis(100)).start();
        fake.phone(AGENT_EXTENSION).answersAfterRings(1).hangsUpAfter(Duration.ofSeconds(300)); // 300 ms real

        Process first = startGriot(work.resolve("first.log"), agiPort, "");
        List<SimulatedCall> callers = new ArrayList<>();
        for (int i = 1; i <= CALLERS; i++) {
            SimulatedCall call = fake.call("229960000" + i, "1998").start(); // last digit odd: a contact is written
            await(() -> "griot-hold".equals(call.variable("CONTEXT")), Duration.ofSeconds(30), "caller " + call + " on hold");
            callers.add(call);
            Thread.sleep(50);
        }
        await(() -> count("select count(*) from contact where state = 'WAITING'") == CALLERS / 2, Duration.ofSeconds(10),
                "the odd callers' contacts written");

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released, nothing flushed
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        SimulatedCall leftWithContact = callers.get(2); // caller 3
        SimulatedCall leftWithout = callers.get(5); // caller 6
        leftWithContact.hangUp();
        leftWithout.hangUp();
        assertThat(leftWithContact.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(leftWithout.awaitEnd(Duration.ofSeconds(10))).isTrue();
        List<SimulatedCall> held = callers.stream().filter(c -> c != leftWithContact && c != leftWithout).toList();
        assertThat(held).noneMatch(SimulatedCall::isEnded);

        startGriot(work.resolve("second.log"), agiPort, "restart-agent:" + AGENT_EXTENSION);
        for (SimulatedCall call : held) {
            assertThat(call.awaitEnd(Duration.ofSeconds(120))).as("caller %s served and done", call.uniqueid()).isTrue();
        }

        // The fake ends a call before Griot has handled its hang-up: wait until Griot has closed every contact.
        await(() -> count("select count(*) from contact where state <> 'ENDED'") == 0
                && count("select count(*) from contact where outcome = 'ANSWERED'") >= held.size(),
                Duration.ofSeconds(60), "Griot closed every contact after the last hang-up");
        List<String> answeredInOrder = new ArrayList<>();
        Map<String, Integer> answeredTimes = new HashMap<>();
        query("select call_id from contact where outcome = 'ANSWERED' order by answered_at, id", rs -> {
            answeredInOrder.add(rs.getString(1));
            answeredTimes.merge(rs.getString(1), 1, Integer::sum);
        });
        assertThat(answeredInOrder).as("every held caller answered once, in order of arrival")
                .containsExactlyElementsOf(held.stream().map(SimulatedCall::uniqueid).toList());
        assertThat(answeredTimes.values()).allMatch(n -> n == 1);
        for (SimulatedCall call : held) {
            assertThat(fake.events().stream().filter(e -> "BridgeEnter".equals(e.get("Event"))
                    && call.uniqueid().equals(e.get("Uniqueid"))).count()).as("bridges of %s", call.uniqueid()).isEqualTo(1);
        }
        assertThat(fake.phone(AGENT_EXTENSION).timesRung()).isEqualTo(held.size());
        assertThat(outcomes(leftWithContact.uniqueid())).containsExactly("ABANDONED");
        assertThat(outcomes(leftWithout.uniqueid())).isEmpty();
        assertThat(count("select count(*) from contact where reason like 're-adopted%'")).isEqualTo(3);
        assertThat(count("select count(*) from contact where state <> 'ENDED'")).isZero();
    }

    /**
     * Not the suite's database (its ACD holds the dispatcher lease there): a sibling database on the
     * server named by GRIOT_DATABASE_URL (CI), else an embedded MariaDB in a temporary folder.
     */
    private void useADatabaseOfItsOwn(Path work) {
        String suiteUrl = System.getenv("GRIOT_DATABASE_URL");
        if (suiteUrl != null && suiteUrl.matches("jdbc:mariadb://[^/]+/\\w+.*")) {
            String server = suiteUrl.substring(0, suiteUrl.indexOf('/', "jdbc:mariadb://".length()));
            String name = suiteUrl.substring(server.length() + 1).replaceAll("[?;].*", "") + "_restart";
            String user = System.getenv().getOrDefault("GRIOT_DATABASE_USERNAME", "root");
            String password = System.getenv().getOrDefault("GRIOT_DATABASE_PASSWORD", "");
            try (Connection connection = DriverManager.getConnection(server + "/", user, password)) {
                connection.createStatement().execute("drop database if exists " + name);
                connection.createStatement().execute("create database " + name);
                databaseUrl = server + "/" + name;
                databaseUser = user;
                databasePassword = password;
                return;
            } catch (SQLException e) {
                System.err.println("No sibling database on " + server + " (" + e.getMessage() + "): embedded MariaDB");
            }
        }
        database = EmbeddedMariaDb.start(new DatabaseProperties.Embedded(work.resolve("db").toString(), 0, "griot"));
        databaseUrl = database.jdbcUrl();
        databaseUser = database.username(); // real grants: Griot's account and its generated password
        databasePassword = database.password();
    }

    private Process startGriot(Path log, int agiPort, String agents) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Drestart.agents=" + agents, "-cp", System.getProperty("java.class.path"), AcdRestartChild.class.getName(),
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--logging.level.org.griot.routing=INFO", "--logging.level.org.griot.telephony=INFO",
                "--griot.database.url=" + databaseUrl, "--griot.database.username=" + databaseUser,
                "--griot.database.password=" + databasePassword,
                "--griot.routing.node-id=restart-node",
                "--griot.processes.path=" + Path.of("processes").toAbsolutePath(),
                "--griot.rules.path=" + Path.of("rules").toAbsolutePath(), "--griot.rules.poll-interval=1h",
                "--griot.prompts.path=" + Path.of("prompts").toAbsolutePath(),
                "--griot.callback.voicemail-folder=" + log.resolveSibling("voicemail"),
                "--griot.telephony.adapter=asterisk", "--griot.telephony.ami.host=127.0.0.1",
                "--griot.telephony.ami.port=" + fake.amiPort(), "--griot.telephony.ami.username=griot",
                "--griot.telephony.ami.password=restart-secret", "--griot.telephony.agi.bind=127.0.0.1",
                "--griot.telephony.agi.port=" + agiPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GRIOT_"));
        Process child = builder.start();
        children.add(child);
        await(() -> {
            try {
                return Files.readString(log).contains(AcdRestartChild.READY);
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofMinutes(2), "Griot started in the child JVM (see " + log + ")", child);
        return child;
    }

    private List<String> outcomes(String callId) throws SQLException {
        List<String> outcomes = new ArrayList<>();
        query("select outcome from contact where call_id = '" + callId + "' order by id", rs -> outcomes.add(rs.getString(1)));
        return outcomes;
    }

    private long count(String sql) {
        long[] result = new long[1];
        try {
            query(sql, rs -> result[0] = rs.getLong(1));
        } catch (SQLException e) {
            return -1; // the schema may not exist yet
        }
        return result[0];
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                row.read(rs);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        await(condition, timeout, what, null);
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what, Process alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (alive != null && !alive.isAlive()) {
                throw new AssertionError("The child JVM died before: " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
