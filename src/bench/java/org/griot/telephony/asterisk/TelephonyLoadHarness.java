package org.griot.telephony.asterisk;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.CallSession;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyProperties;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;

/**
 * Load harness: N concurrent callers walk an 8-step IVR through Griot's real FastAGI server and AMI
 * link, against the fake Asterisk over loopback TCP. Reports the round trip of each IVR step (one
 * AGI command: written, answered by the fake, parsed by asterisk-java, returned to the script) and
 * the AMI event throughput Griot's link absorbed meanwhile.
 *
 * <pre>./mvnw -Pload verify -DskipTests -Dload.calls=300 -Dload.rounds=3 -Dload.think=1000</pre>
 */
public final class TelephonyLoadHarness {

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("load.calls", 300);
        int rounds = Integer.getInteger("load.rounds", 3);
        int thinkMillis = Integer.getInteger("load.think", 1000);
        System.out.printf("Telephony load: %d concurrent calls x %d rounds, %d cores, %s%n", calls, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("-- burst: every caller answers instantly (all steps back to back; worst case)");
        for (int round = 1; round <= rounds; round++) {
            run(calls, round, 0);
        }
        System.out.printf("-- paced: the caller listens %d ms on average between steps (prompts), calls overlap%n", thinkMillis);
        for (int round = 1; round <= rounds; round++) {
            run(calls, round, thinkMillis);
        }
    }

    private static void run(int calls, int round, int thinkMillis) throws Exception {
        ConcurrentLinkedQueue<Long> stepNanos = new ConcurrentLinkedQueue<>();
        AtomicLong completed = new AtomicLong();
        CountDownLatch allInside = new CountDownLatch(calls);
        CallScript ivr = new CallScript() {
            @Override
            public String name() {
                return "ivr";
            }

            @Override
            public void serve(CallSession call) {
                allInside.countDown();
                timed(stepNanos, thinkMillis, () -> call.answer());
                timed(stepNanos, thinkMillis, () -> call.play("griot/fr/welcome", "12"));
                timed(stepNanos, thinkMillis, () -> call.perform(new CallCommand.SetCallData("GRIOT_LANG", "fr")));
                timed(stepNanos, thinkMillis, () -> call.collect(new CallCommand.CollectDigits("griot/fr/menu", 1, 1, Duration.ofSeconds(5), '#')));
                timed(stepNanos, thinkMillis, () -> call.play("griot/fr/please-wait", ""));
                timed(stepNanos, thinkMillis, () -> call.perform(new CallCommand.GetCallData("CALLERID")));
                timed(stepNanos, thinkMillis, () -> call.collect(new CallCommand.CollectDigits("griot/fr/code", 4, 4, Duration.ofSeconds(5), '#')));
                timed(stepNanos, thinkMillis, () -> call.play("griot/fr/goodbye", ""));
                completed.incrementAndGet();
            }
        };
        TelephonyEvents bus = new TelephonyEvents();
        AsteriskChannels channels = new AsteriskChannels();
        AtomicLong griotEvents = new AtomicLong();
        bus.subscribe(e -> griotEvents.incrementAndGet());
        TelephonyProperties.Agi agiSettings = new TelephonyProperties.Agi("127.0.0.1", 0, 50, calls + 50, Duration.ofMinutes(1), null, 0, null);
        AsteriskAgiServer agi = new AsteriskAgiServer(agiSettings, new CallScripts(List.of(ivr)), bus, Clock.systemUTC(), channels);
        agi.start();
        try (FakeAsterisk fake = FakeAsterisk.builder().amiUser("griot", "load").fastAgiServer("127.0.0.1", agi.port())
                .dialplan("1919", "agi://127.0.0.1:" + agi.port() + "/ivr").timeScale(Duration.ofMillis(1))
                // Prompts take no simulated time: what is measured is Griot's and the protocol's overhead.
                .defaultPromptDuration(Duration.ZERO).start()) {
            AmiLink ami = new AmiLink(new TelephonyProperties.Ami("127.0.0.1", fake.amiPort(), "griot", "load",
                    Duration.ofSeconds(5), 500, 10_000, Duration.ofMillis(100), Duration.ofSeconds(1)), bus, Clock.systemUTC(),
                    channels, DefaultManagerConnection::new);
            ami.start();
            while (!ami.isUp()) {
                Thread.sleep(10);
            }
            long amiBefore = ami.eventsReceived();
            long started = System.nanoTime();
            List<SimulatedCall> placed = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                placed.add(fake.call(String.format("229970%05d", i), "1919").pressAfterPrompt("2").press("1234").start());
            }
            boolean concurrent = allInside.await(60, TimeUnit.SECONDS);
            for (SimulatedCall call : placed) {
                call.awaitEnd(Duration.ofSeconds(120));
            }
            long elapsed = System.nanoTime() - started;
            Thread.sleep(500); // let the last AMI events arrive
            long amiEvents = ami.eventsReceived() - amiBefore;
            long[] nanos = stepNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("round %d (think %d ms): %d/%d calls completed (all %d inside the IVR at once: %s) in %.2f s%n", round,
                    thinkMillis, completed.get(), calls, calls, concurrent, elapsed / 1e9);
            System.out.printf("  IVR step round trip (%d steps): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    nanos.length, pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), nanos[nanos.length - 1] / 1e6);
            System.out.printf("  AMI: %d events received in %.2f s = %.0f events/s; %d Griot events published; %d rejected%n",
                    amiEvents, elapsed / 1e9, amiEvents / (elapsed / 1e9), griotEvents.get(), ami.eventsRejected());
            ami.close();
        } finally {
            agi.close();
            bus.destroy();
        }
    }

    private static void timed(ConcurrentLinkedQueue<Long> sink, int thinkMillis, Runnable step) {
        long start = System.nanoTime();
        step.run();
        sink.add(System.nanoTime() - start);
        if (thinkMillis > 0) {
            // The time a real caller spends listening to the prompt: not part of the step's overhead.
            try {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(2 * thinkMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private TelephonyLoadHarness() {
    }
}
