package org.griot.telephony.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fake Asterisk 22 for tests: an AMI server on 127.0.0.1 (ephemeral port) and a FastAGI client
 * that connects out to Griot, both speaking the wire protocol byte for byte as captured in
 * {@code shared/asterisk-wire}. Calls, agent phones and customers are scripted; time is simulated.
 *
 * <pre>{@code
 * try (FakeAsterisk fake = FakeAsterisk.builder()
 *         .amiUser("griot", "secret")
 *         .fastAgiServer("127.0.0.1", agiPort)
 *         .dialplan("1919", "agi://griot:4573/ivr")
 *         .start()) {
 *     fake.phone("1001").answersAfterRings(2);
 *     SimulatedCall call = fake.call("22997000001", "1919").press("2").hangUpAfter(Duration.ofSeconds(40)).start();
 *     call.awaitEnd(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeAsterisk implements AutoCloseable {

    private final Pbx pbx;
    private final AmiServer ami;

    private FakeAsterisk(Config config) throws IOException {
        this.pbx = new Pbx(config);
        this.ami = new AmiServer(pbx, config);
        pbx.attach(ami);
        ami.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port of the AMI server on 127.0.0.1. */
    public int amiPort() {
        return ami.port();
    }

    /** Scripts an inbound call from {@code callerNumber} to {@code dialedNumber}; {@link CallScript#start()} places it. */
    public CallScript call(String callerNumber, String dialedNumber) {
        return new CallScript(pbx, callerNumber, dialedNumber);
    }

    /** The agent phone {@code PJSIP/<endpoint>} (created registered and reachable on first use). */
    public AgentPhone phone(String endpoint) {
        return pbx.phone(endpoint);
    }

    /** The script of an outbound customer reached through {@code Local/<number>@griot-outbound}. */
    public CallScript customer(String number) {
        return pbx.customer(number);
    }

    public Faults faults() {
        return pbx.faults;
    }

    /** Every AMI event emitted so far (also those no AMI client was subscribed to). */
    public List<AmiMessage> events() {
        return pbx.allEvents();
    }

    /** Names of the channels alive now. */
    public List<String> channels() {
        return pbx.channelNames();
    }

    /** Logged-in AMI sessions now. */
    public int amiSessions() {
        return ami.sessionCount();
    }

    @Override
    public void close() {
        ami.close();
        pbx.close();
    }

    /** Configuration of a {@link FakeAsterisk}; every duration is simulated time unless named "real". */
    public static final class Builder {
        private final Config config = new Config();

        public Builder amiUser(String username, String secret) {
            config.amiUsers.put(username, secret);
            return this;
        }

        /** Where FastAGI connections go, whatever host:port the agi:// URL names (like DNS in production). */
        public Builder fastAgiServer(String host, int port) {
            config.fastAgiHost = host;
            config.fastAgiPort = port;
            return this;
        }

        /** An inbound number whose dialplan runs {@code AGI(<agiUrl>)}, e.g. {@code agi://griot:4573/ivr}. */
        public Builder dialplan(String dialedNumber, String agiUrl) {
            config.dialplan.put(dialedNumber, agiUrl);
            return this;
        }

        /** Context of inbound trunk calls (default {@code from-operator}). */
        public Builder inboundContext(String context) {
            config.inboundContext = context;
            return this;
        }

        /** Real time one simulated second takes (default 1 ms: a 40 s call runs in ~40 ms). */
        public Builder timeScale(Duration realPerSimulatedSecond) {
            config.realNanosPerSimSecond = realPerSimulatedSecond.toNanos();
            return this;
        }

        /** Real delay before "Authentication failed" (Asterisk waits ~1 s). */
        public Builder authFailureDelay(Duration real) {
            config.authFailureDelay = real;
            return this;
        }

        public Builder defaultPromptDuration(Duration simulated) {
            config.defaultPromptDuration = simulated;
            return this;
        }

        public Builder promptDuration(String file, Duration simulated) {
            config.promptDurations.put(file, simulated);
            return this;
        }

        /** A sound file that does not exist: STREAM FILE answers {@code 200 result=-1 endpos=0}. */
        public Builder missingSoundFile(String file) {
            config.missingSoundFiles.add(file);
            return this;
        }

        /** Duration of one ring (default 5 s). */
        public Builder ringDuration(Duration simulated) {
            config.ringDuration = simulated;
            return this;
        }

        /** Dial timeout of {@code griot-connect} (default 20 s); after it the caller goes back to hold. */
        public Builder connectTimeout(Duration simulated) {
            config.connectTimeout = simulated;
            return this;
        }

        public FakeAsterisk start() {
            try {
                return new FakeAsterisk(config);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the fake Asterisk", e);
            }
        }
    }

    /** Plain configuration holder shared by the simulator's parts. */
    static final class Config {
        final Map<String, String> amiUsers = new LinkedHashMap<>();
        final Map<String, String> dialplan = new LinkedHashMap<>();
        final Map<String, Duration> promptDurations = new LinkedHashMap<>();
        final Set<String> missingSoundFiles = new HashSet<>();
        String fastAgiHost;
        int fastAgiPort;
        String inboundContext = "from-operator";
        long realNanosPerSimSecond = 1_000_000L;
        Duration authFailureDelay = Duration.ofSeconds(1);
        Duration defaultPromptDuration = Duration.ofSeconds(3);
        Duration ringDuration = Duration.ofSeconds(5);
        Duration connectTimeout = Duration.ofSeconds(20);
        /** Keys pressed with press(): first digit this long into the prompt, then one every interDigit. */
        Duration firstDigitDelay = Duration.ofMillis(1000);
        Duration interDigitDelay = Duration.ofMillis(500);
    }
}
