package org.griot.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.griot.GriotApplication;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallSession;
import org.griot.telephony.WaitingCallData;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ACD load harness: the whole application (ACD, MariaDB, Griot's FastAGI server and AMI link) against
 * the fake Asterisk over loopback TCP. Callers arrive at a fixed rate on a service number whose
 * script queues them at once (the IVR has its own harness), wait on hold, are connected by AMI
 * Redirect to one of the agents' desk phones, talk, and hang up; agents have no wrap-up, so each
 * hang-up frees an agent who takes the next caller. Reports, minute by minute, Griot's connect
 * latency (from the moment the dispatcher handles the event that freed an agent or brought a caller,
 * to Asterisk accepting the Redirect), the decision time, the waiting callers and the database load.
 *
 * <pre>./mvnw -Pload verify -DskipTests -Dload.main=org.griot.routing.AcdLoadHarness -Dload.rate=20 -Dload.seconds=300</pre>
 */
public final class AcdLoadHarness {

    static final String SCRIPT = "acd-load";
    static final int RING_SECONDS = 15;

    /** The service number's script in this harness: straight into the general queue. */
    @Configuration(proxyBeanMethods = false)
    static class LoadScript {
        @Bean
        CallScript acdLoadScript(Acd acd) {
            return new CallScript() {
                @Override
                public String name() {
                    return SCRIPT;
                }

                @Override
                public void serve(CallSession call) {
                    call.answer();
                    // As the IVR: the caller's queue data and the queue's ring time go on the call before it is parked.
                    WaitingCallData.of("general", 5, List.of("language:fr"), "fr", java.time.Instant.now(), RING_SECONDS)
                            .forEach(call::perform);
                    call.perform(new CallCommand.SetCallData("GRIOT_NEXT", "griot-hold,s,1"));
                    acd.enqueue(new ContactRequest(call.info().callId().value(), call.info().callerNumber(), "general",
                            call.info().callerNumber().endsWith("7") ? 3 : 5, List.of("language:fr"), "fr", "load",
                            "load harness", null));
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("load.rate", 20);
        int seconds = Integer.getInteger("load.seconds", 300);
        int agents = Integer.getInteger("load.agents", 25);
        int talkSeconds = Integer.getInteger("load.talk", 40); // simulated
        int msPerSimulatedSecond = Integer.getInteger("load.scale", 25);
        int wrapUpSeconds = Integer.getInteger("load.wrapup", 0); // real seconds (the ACD's clock)
        int agiPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            agiPort = socket.getLocalPort();
        }
        try (FakeAsterisk fake = FakeAsterisk.builder().amiUser("griot", "load").fastAgiServer("127.0.0.1", agiPort)
                .dialplan("1999", "agi://127.0.0.1:" + agiPort + "/" + SCRIPT)
                .timeScale(Duration.ofMillis(msPerSimulatedSecond)).start()) {
            ConfigurableApplicationContext app = new SpringApplicationBuilder(GriotApplication.class, LoadScript.class).run(
                    "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--logging.level.org.griot=WARN",
                    "--griot.database.embedded.data-dir=" + Files.createTempDirectory("griot-acd-load").resolve("db"),
                    "--griot.telephony.adapter=asterisk", "--griot.telephony.ami.port=" + fake.amiPort(),
                    "--griot.telephony.ami.password=load", "--griot.telephony.agi.port=" + agiPort,
                    "--griot.telephony.agi.max-pool-size=1000",
                    // percentiles over the last minute only, so that each minute's line is that minute's
                    "--management.metrics.distribution.expiry.griot.acd=60s",
                    "--management.metrics.distribution.buffer-length.griot.acd=1");
            try {
                run(app, fake, rate, seconds, agents, talkSeconds, msPerSimulatedSecond, wrapUpSeconds);
            } finally {
                app.close();
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, FakeAsterisk fake, int rate, int seconds, int agentCount,
            int talkSeconds, int scale, int wrapUpSeconds) throws Exception {
        Acd acd = app.getBean(Acd.class);
        RoutingStore store = app.getBean(RoutingStore.class);
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        var jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        QueueSettings general = store.queues().stream().filter(q -> q.id().equals("general")).findFirst().orElseThrow();
        store.saveQueue(new QueueSettings("general", general.name(), 80, 20, wrapUpSeconds, RING_SECONDS, 0, null, null, 0, 1,
                0, 1));
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            String id = "load-agent-" + i;
            String extension = Integer.toString(3000 + i);
            store.saveAgentProfile(id, "Load agent " + i, null, Map.of("language:fr", 5), List.of("general"));
            fake.phone(extension).answersAfterRings(1).hangsUpAfter(Duration.ofSeconds(talkSeconds));
            agents.add(id);
        }
        acd.configurationChanged();
        for (int i = 0; i < agentCount; i++) {
            acd.login(agents.get(i), Integer.toString(3000 + i));
            acd.makeAvailable(agents.get(i));
        }
        System.out.printf("ACD load: %d calls/s for %d s, %d agents, talk %d simulated s (%d ms real), ring 1 ring, wrap-up %d s%n",
                rate, seconds, agentCount, talkSeconds, talkSeconds * scale, wrapUpSeconds);
        Timer connects = meters.get("griot.acd.connect").timer();
        Timer decisions = meters.get("griot.acd.decision").timer();
        long questionsBefore = questions(jdbc);
        long started = System.nanoTime();
        List<SimulatedCall> placed = new ArrayList<>();
        long periodNanos = 1_000_000_000L / rate;
        int maxWaiting = 0;
        long nextReport = started + 60_000_000_000L;
        long connectsAtReport = 0;
        for (int i = 0; System.nanoTime() - started < seconds * 1_000_000_000L; i++) {
            long due = started + i * periodNanos;
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            placed.add(fake.call(String.format("22995%06d", i), "1999").start());
            if (i % rate == 0) {
                maxWaiting = Math.max(maxWaiting, waiting(meters));
            }
            if (System.nanoTime() >= nextReport) {
                report((System.nanoTime() - started) / 60_000_000_000L + " min", connects, decisions, connects.count() - connectsAtReport,
                        maxWaiting);
                connectsAtReport = connects.count();
                nextReport += 60_000_000_000L;
            }
        }
        double arrivalSeconds = (System.nanoTime() - started) / 1e9;
        int ended = 0;
        for (SimulatedCall call : placed) {
            ended += call.awaitEnd(Duration.ofSeconds(120)) ? 1 : 0;
        }
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        report("end", connects, decisions, connects.count() - connectsAtReport, maxWaiting);
        long questions = questions(jdbc) - questionsBefore;
        var outcomes = jdbc.sql("select outcome, count(*) from contact where reason = 'load' group by outcome")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list();
        var waits = jdbc.sql("""
                select avg(timestampdiff(microsecond, arrived_at, answered_at)) / 1000,
                       max(timestampdiff(microsecond, arrived_at, answered_at)) / 1000
                from contact where reason = 'load' and answered_at is not null""")
                .query((rs, n) -> String.format("caller wait avg %.0f ms, max %.0f ms", rs.getDouble(1), rs.getDouble(2))).single();
        System.out.printf("ACD load: %d calls placed in %.1f s (%.1f/s), %d ended after %.1f s; outcomes %s; %s%n", placed.size(),
                arrivalSeconds, placed.size() / arrivalSeconds, ended, totalSeconds, outcomes, waits);
        System.out.printf("  connects %d, connect max %.2f ms (whole run); decisions %d, decision max %.3f ms; most waiting %d%n",
                connects.count(), connects.max(TimeUnit.MILLISECONDS), decisions.count(), decisions.max(TimeUnit.MILLISECONDS),
                maxWaiting);
        System.out.printf("  MariaDB: %d statements = %.0f/s, %.1f per call%n", questions, questions / totalSeconds,
                (double) questions / Math.max(1, placed.size()));
        agentCycle(fake.events(), wrapUpSeconds);
    }

    /**
     * The agent's cycle while callers wait, from the PBX's events: the agent's leg hangs up (the agent
     * is free), then the next Dial to the same phone starts (the next ring). Minus the wrap-up, what is
     * left is Griot's part (hang-up event, wrap-up end, dispatch, Redirect, Dial), the figure to compare
     * with app_queue's. Only gaps where a caller was already waiting count (else the agent idled).
     */
    static void agentCycle(List<org.griot.telephony.simulator.AmiMessage> events, int wrapUpSeconds) {
        Map<String, Long> freedAt = new java.util.HashMap<>();
        List<Long> gaps = new ArrayList<>();
        int waiting = 0;
        for (var e : events) {
            String name = e.get("Event");
            String channel = e.get("Channel");
            if ("MusicOnHoldStart".equals(name)) {
                waiting++;
            } else if ("MusicOnHoldStop".equals(name)) {
                waiting--;
            }
            if (channel == null || !channel.startsWith("PJSIP/3") || e.get("Timestamp") == null) {
                continue;
            }
            String endpoint = channel.substring("PJSIP/".length(), channel.lastIndexOf('-') > 0 ? channel.lastIndexOf('-') : channel.length());
            long micros = Math.round(Double.parseDouble(e.get("Timestamp")) * 1_000_000);
            if ("Hangup".equals(name)) {
                freedAt.put(endpoint, waiting > 0 ? micros : -1);
            } else if ("Newchannel".equals(name)) {
                Long freed = freedAt.remove(endpoint);
                if (freed != null && freed > 0) {
                    gaps.add(micros - freed - wrapUpSeconds * 1_000_000L);
                }
            }
        }
        if (gaps.isEmpty()) {
            System.out.println("  agent cycle: no agent freed while callers waited");
            return;
        }
        java.util.Collections.sort(gaps);
        System.out.printf("  agent freed -> next ring, minus %d s wrap-up, callers waiting (%d cycles): p50 %.1f ms, p90 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms, mean %.1f ms%n", wrapUpSeconds, gaps.size(), at(gaps, 0.5), at(gaps, 0.9), at(gaps, 0.99),
                gaps.get(gaps.size() - 1) / 1000.0, gaps.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0);
    }

    private static double at(List<Long> sorted, double percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile * sorted.size()) - 1)) / 1000.0;
    }

    private static void report(String when, Timer connects, Timer decisions, long count, int maxWaiting) {
        HistogramSnapshot c = connects.takeSnapshot();
        HistogramSnapshot d = decisions.takeSnapshot();
        StringBuilder line = new StringBuilder(String.format("  [%s] %d connects;", when, count));
        for (ValueAtPercentile p : c.percentileValues()) {
            line.append(String.format(" connect p%.0f %.2f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        for (ValueAtPercentile p : d.percentileValues()) {
            line.append(String.format(" decision p%.0f %.3f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        line.append(String.format("; most waiting so far %d", maxWaiting));
        System.out.println(line);
    }

    private static int waiting(MeterRegistry meters) {
        return (int) meters.get("griot.acd.waiting").gauge().value();
    }

    private static long questions(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return jdbc.sql("show global status like 'Questions'").query((rs, i) -> rs.getLong(2)).single();
    }

    private AcdLoadHarness() {
    }
}
