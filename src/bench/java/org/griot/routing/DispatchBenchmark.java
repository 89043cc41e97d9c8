package org.griot.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ACD's decision alone (no I/O), at the size DESIGN names: 1,000 logged-in agents and 500 waiting
 * contacts over 4 queues, skills with levels in 4 languages, queues requiring level 3.
 * <ul>
 * <li>{@code agentBecomesFree}: a free agent's best contact (priority, arrival) among their queues;</li>
 * <li>{@code contactArrives}: a new contact's longest-idle qualified agent, all 1,000 agents available;</li>
 * <li>{@code contactNobodyCanServe}: the worst case, every available agent examined in vain.</li>
 * </ul>
 * <pre>./mvnw -Pbench verify -DskipTests -Dbench.args="DispatchBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DispatchBenchmark {

    private static final String[] QUEUES = {"general", "vip", "whatsapp", "mobile-money"};
    private static final String[] LANGUAGES = {"fr", "en", "fon", "yo"};

    private Dispatch dispatch;
    private final List<Agent> agents = new ArrayList<>();
    private final List<Contact> arrivals = new ArrayList<>();
    private Contact impossible;
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        Random random = new Random(42);
        Map<String, QueueSettings> queues = new HashMap<>();
        for (String id : QUEUES) {
            queues.put(id, new QueueSettings(id, id, 80, 20, 0, 15, 0, null, null, 0, 3, 60, 1));
        }
        dispatch = new Dispatch(queues);
        for (int i = 0; i < 1000; i++) {
            Agent agent = new Agent("agent-" + i);
            agent.extension = Integer.toString(10000 + i);
            agent.state = AgentState.AVAILABLE;
            agent.idleSince = now.minusMillis(random.nextInt(3_600_000));
            for (String language : LANGUAGES) {
                if (random.nextInt(3) > 0) {
                    agent.skills.put("language:" + language, 1 + random.nextInt(5));
                }
            }
            agent.queues.add(QUEUES[random.nextInt(QUEUES.length)]);
            agent.queues.add(QUEUES[random.nextInt(QUEUES.length)]);
            agents.add(agent);
            dispatch.addAvailable(agent);
        }
        for (int i = 0; i < 500; i++) {
            dispatch.addWaiting(contact(i, random, now.minusMillis(random.nextInt(300_000))));
        }
        for (int i = 0; i < 1024; i++) {
            arrivals.add(contact(1000 + i, random, now));
        }
        impossible = new Contact(99_999, "VOICE", "c-impossible", "229", "general", 5, List.of("language:klingon"), now,
                "choice", null, null, "fr");
    }

    private static Contact contact(long id, Random random, Instant arrived) {
        return new Contact(id, "VOICE", "c-" + id, "2299" + id, QUEUES[random.nextInt(QUEUES.length)], 1 + random.nextInt(5),
                List.of("language:" + LANGUAGES[random.nextInt(LANGUAGES.length)]), arrived, "choice", null, null, "fr");
    }

    @Benchmark
    public Contact agentBecomesFree() {
        next = (next + 1) % agents.size();
        return dispatch.contactFor(agents.get(next), now);
    }

    @Benchmark
    public Agent contactArrives() {
        next = (next + 1) % arrivals.size();
        return dispatch.agentFor(arrivals.get(next), now);
    }

    @Benchmark
    public Agent contactNobodyCanServe() {
        return dispatch.agentFor(impossible, now);
    }
}
