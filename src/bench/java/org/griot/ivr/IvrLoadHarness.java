package org.griot.ivr;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.griot.GriotApplication;
import org.griot.telephony.CallScripts;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyProperties;
import org.griot.telephony.asterisk.AsteriskAgiServer;
import org.griot.telephony.asterisk.AsteriskChannels;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load harness: N concurrent callers walk the 1919 IVR (language menu, main menu, balance lookup on
 * the self-care back end, routing rules, queued for an agent) on the whole application — Camunda,
 * Drools, MariaDB — through Griot's real FastAGI server, against the fake Asterisk over loopback TCP.
 * Prompts take simulated time (scaled down), so the calls overlap as real ones do. Reports Griot's
 * time between two steps (complete one, fetch the next: the database and engine work of an IVR step),
 * and the database load.
 *
 * <pre>./mvnw -Pload verify -DskipTests -Dload.main=org.griot.ivr.IvrLoadHarness -Dload.calls=300</pre>
 */
public final class IvrLoadHarness {

    /** How long the transition percentiles look back (two buffers of half of it). */
    static final Duration WINDOW = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("load.calls", 300);
        ConfigurableApplicationContext app = SpringApplication.run(GriotApplication.class,
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--logging.level.org.griot=WARN",
                "--griot.database.embedded.data-dir=" + Files.createTempDirectory("griot-ivr-load").resolve("db"),
                "--spring.datasource.hikari.maximum-pool-size=40",
                // Percentiles over a window of 30-60 s, so that the warm-up can leave it (see below).
                "--management.metrics.distribution.expiry.griot.ivr.transition=" + WINDOW.toSeconds() + "s",
                "--management.metrics.distribution.buffer-length.griot.ivr.transition=2");
        try {
            run(app, calls);
        } finally {
            app.close();
        }
    }

    private static void run(ConfigurableApplicationContext app, int calls) throws Exception {
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        AsteriskAgiServer agi = new AsteriskAgiServer(new TelephonyProperties.Agi("127.0.0.1", 0, 50, calls + 50,
                Duration.ofMinutes(2), null, 0, null), app.getBean(CallScripts.class), app.getBean(TelephonyEvents.class),
                Clock.systemUTC(), new AsteriskChannels());
        agi.start();
        int rate = Integer.getInteger("load.rate", 20);
        int promptMillis = Integer.getInteger("load.promptMillis", 2000);
        System.out.printf("IVR load: %d calls arriving at %d/s, prompts of %d ms (real time)%n", calls, rate, promptMillis);
        // Real-time prompts: callers listen while others arrive, so the calls overlap as on the 1919.
        try (FakeAsterisk fake = FakeAsterisk.builder().amiUser("griot", "load").fastAgiServer("127.0.0.1", agi.port())
                .dialplan("1919", "agi://127.0.0.1:" + agi.port() + "/ivr").timeScale(Duration.ofMillis(promptMillis / 2))
                .defaultPromptDuration(Duration.ofSeconds(2)).start()) {
            warmUp(fake, 20);
            // The warm-up (20 calls at once on a cold JVM) must not count: wait until it has left the
            // timer's percentile window, so that p50/p99 below are of the measured calls only.
            Thread.sleep(WINDOW.toMillis() + 1000);
            Timer transitions = meters.get("griot.ivr.transition").timer();
            long before = transitions.count();
            long questionsBefore = questions(jdbc);
            Map<String, Long> kindsBefore = statementKinds(jdbc);
            long gcBefore = gcMillis();
            long gcCountBefore = gcCount();
            long started = System.nanoTime();
            List<SimulatedCall> placed = new ArrayList<>();
            int peak = 0;
            for (int i = 0; i < calls; i++) {
                placed.add(fake.call(String.format("22998%06d", i), "1919").press("1").press("3").start());
                peak = Math.max(peak, (int) placed.stream().filter(c -> !c.isEnded()).count());
                Thread.sleep(1000L / rate);
            }
            int ended = 0;
            for (SimulatedCall call : placed) {
                ended += call.awaitEnd(Duration.ofMinutes(3)) ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long steps = transitions.count() - before;
            long questions = questions(jdbc) - questionsBefore;
            System.out.printf("IVR load: %d calls (%d ended) in %.1f s, at most %d at once, %d IVR transitions%n", calls, ended,
                    seconds, peak, steps);
            for (ValueAtPercentile p : transitions.takeSnapshot().percentileValues()) {
                System.out.printf("  transition p%.0f: %.2f ms%n", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS));
            }
            System.out.printf("  transition max %.2f ms (measured calls only, as p50/p99), mean %.2f ms (since start,"
                    + " warm-up included)%n", transitions.max(TimeUnit.MILLISECONDS), transitions.mean(TimeUnit.MILLISECONDS));
            System.out.printf("  MariaDB: %d statements = %.0f/s, %.1f per IVR transition%n", questions, questions / seconds,
                    steps == 0 ? 0.0 : (double) questions / steps);
            Map<String, Long> kinds = statementKinds(jdbc);
            System.out.printf("  per IVR transition: %s%n", kinds.entrySet().stream()
                    .map(e -> String.format("%s %.1f", e.getKey().substring(4), steps == 0 ? 0.0
                            : (double) (e.getValue() - kindsBefore.getOrDefault(e.getKey(), 0L)) / steps))
                    .collect(java.util.stream.Collectors.joining(", ")));
            // The tail's suspects: collector pauses and waits for a pooled connection.
            System.out.printf("  GC: %d collections, %d ms in all during the run%n", gcCount() - gcCountBefore, gcMillis() - gcBefore);
            meters.find("hikaricp.connections.acquire").timers().forEach(t -> System.out.printf(
                    "  connection acquire: max %.2f ms, mean %.3f ms (since start)%n", t.max(TimeUnit.MILLISECONDS),
                    t.mean(TimeUnit.MILLISECONDS)));
            System.out.printf("  queued for agents: %d%n", placed.stream().filter(c -> c.variable("GRIOT_QUEUE") != null).count());
        } finally {
            agi.close();
        }
    }

    private static void warmUp(FakeAsterisk fake, int calls) throws InterruptedException {
        List<SimulatedCall> warm = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            warm.add(fake.call(String.format("22996%06d", i), "1919").press("1").press("3").start());
        }
        for (SimulatedCall call : warm) {
            call.awaitEnd(Duration.ofMinutes(1));
        }
    }

    /** Statements by kind (MariaDB's Com_ counters): where the statements of a step go. */
    private static Map<String, Long> statementKinds(JdbcClient jdbc) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        jdbc.sql("show global status where Variable_name in ('Com_select', 'Com_insert', 'Com_update', 'Com_delete',"
                + " 'Com_commit', 'Com_rollback', 'Com_set_option')").query(rs -> {
                    kinds.put(rs.getString(1), rs.getLong(2));
                });
        return kinds;
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long questions(JdbcClient jdbc) {
        return jdbc.sql("show global status like 'Questions'").query((rs, i) -> rs.getLong(2)).single();
    }

    private IvrLoadHarness() {
    }
}
