package org.griot.telephony.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI side driven by asterisk-java's own ManagerConnection, plus byte-level checks. */
class FakeAsteriskAmiTests {

    private FakeAsterisk fake;
    private ManagerConnection connection;
    private final List<ManagerEvent> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder()
                .amiUser("griot", "griot-secret")
                .authFailureDelay(Duration.ofMillis(50))
                .start();
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            try {
                connection.logoff();
            } catch (RuntimeException ignored) {
                // already disconnected
            }
        }
        fake.close();
    }

    private ManagerConnection login() throws Exception {
        connection = new ManagerConnectionFactory("127.0.0.1", fake.amiPort(), "griot", "griot-secret").createManagerConnection();
        connection.addEventListener(received::add);
        connection.login();
        return connection;
    }

    @Test
    void asteriskJavaLogsInWithChallengeAndPings() throws Exception {
        ManagerConnection c = login();

        ManagerResponse pong = c.sendAction(new PingAction());

        assertThat(pong.getResponse()).isEqualTo("Success");
        assertThat(pong.getAttributes()).containsEntry("ping", "Pong");
        assertThat(fake.amiSessions()).isEqualTo(1);
    }

    @Test
    void asyncOriginateToAnAgentPhoneAnswersWithReason4AndHangupEndsIt() throws Exception {
        ManagerConnection c = login();
        fake.phone("1001").answersAfterRings(2);
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/1001");
        originate.setContext("griot-hold");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setCallerId("\"Griot\" <1919>");
        originate.setTimeout(15_000L);
        originate.setAsync(true);

        ResponseEvents result = c.sendEventGeneratingAction(originate, 5000);

        OriginateResponseEvent response = (OriginateResponseEvent) result.getEvents().stream()
                .filter(e -> e instanceof OriginateResponseEvent).findFirst().orElseThrow();
        assertThat(response.getResponse()).isEqualTo("Success");
        assertThat(response.getReason()).isEqualTo(4);
        assertThat(response.getChannel()).matches("PJSIP/1001-[0-9a-f]{8}");
        assertThat(received).anySatisfy(e -> assertThat(e).isInstanceOf(NewChannelEvent.class));

        ResponseEvents channels = c.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
        assertThat(channels.getEvents()).filteredOn(e -> e instanceof CoreShowChannelEvent)
                .extracting(e -> ((CoreShowChannelEvent) e).getChannel()).containsExactly(response.getChannel());

        ManagerResponse hungUp = c.sendAction(new HangupAction(response.getChannel()));
        assertThat(hungUp.getMessage()).isEqualTo("Channel Hungup");
        awaitEvent(HangupEvent.class);
        assertThat(fake.channels()).isEmpty();
    }

    @Test
    void originateToAnUnknownEndpointFailsWithReason0() throws Exception {
        ManagerConnection c = login();
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/9999");
        originate.setContext("griot-hold");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setAsync(true);

        ResponseEvents result = c.sendEventGeneratingAction(originate, 5000);

        OriginateResponseEvent response = (OriginateResponseEvent) result.getEvents().stream()
                .filter(e -> e instanceof OriginateResponseEvent).findFirst().orElseThrow();
        assertThat(response.getResponse()).isEqualTo("Failure");
        assertThat(response.getReason()).isZero();
        assertThat(response.getChannel()).isEqualTo("PJSIP/9999");
    }

    private void awaitEvent(Class<? extends ManagerEvent> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (received.stream().anyMatch(type::isInstance)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type.getSimpleName() + " received");
    }
}
