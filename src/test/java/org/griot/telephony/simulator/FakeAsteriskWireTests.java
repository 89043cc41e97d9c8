package org.griot.telephony.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AMI exchanges compared byte for byte with ami-login-and-status.txt (raw socket, CRLF kept). */
class FakeAsteriskWireTests {

    private FakeAsterisk fake;

    @BeforeEach
    void start() {
        fake = FakeAsterisk.builder().amiUser("ccengine", "ccengine-secret").authFailureDelay(Duration.ofMillis(100)).start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void actionBeforeLoginIsDeniedAndAWrongSecretClosesTheConnection() throws Exception {
        try (TestSockets.RawConnection ami = TestSockets.RawConnection.connect(fake.amiPort())) {
            assertThat(ami.readRawLine()).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
            ami.send("Action: CoreStatus\r\nActionID: pre-login-1\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Error\r\n", "ActionID: pre-login-1\r\n",
                    "Message: Permission denied\r\n", "\r\n");
            long sent = System.nanoTime();
            ami.send("Action: Login\r\nUsername: ccengine\r\nSecret: wrong-secret\r\nActionID: bad-login-1\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Error\r\n", "ActionID: bad-login-1\r\n",
                    "Message: Authentication failed\r\n", "\r\n");
            assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
            assertThat(ami.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void plainLoginEventsOffPingAndErrorsAsCaptured() throws Exception {
        try (TestSockets.RawConnection ami = TestSockets.RawConnection.connect(fake.amiPort())) {
            assertThat(ami.readRawLine()).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
            ami.send("Action: Login\r\nUsername: ccengine\r\nSecret: ccengine-secret\r\nActionID: login-2\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Success\r\n", "ActionID: login-2\r\n",
                    "Message: Authentication accepted\r\n", "\r\n");
            List<String> booted = ami.readMessage();
            assertThat(booted.get(0)).isEqualTo("Event: FullyBooted\r\n");
            assertThat(booted.get(1)).isEqualTo("Privilege: system,all\r\n");
            assertThat(booted).contains("Status: Fully Booted\r\n").noneMatch(l -> l.startsWith("Timestamp"));
            List<String> auth = ami.readMessage();
            assertThat(auth.subList(0, 2)).containsExactly("Event: SuccessfulAuth\r\n", "Privilege: security,all\r\n");
            assertThat(auth.get(2)).matches("Timestamp: \\d{10}\\.\\d{6}\r\n");

            ami.send("Action: Events\r\nEventMask: off\r\nActionID: events-off-1\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Success\r\n", "ActionID: events-off-1\r\n",
                    "Events: Off\r\n", "\r\n");
            ami.send("Action: Ping\r\n\r\n");
            List<String> pong = ami.readMessage();
            assertThat(pong).hasSize(4);
            assertThat(pong.subList(0, 2)).containsExactly("Response: Success\r\n", "Ping: Pong\r\n");
            assertThat(pong.get(2)).matches("Timestamp: \\d{10}\\.\\d{6}\r\n");
            ami.send("Action: CoreShowChannels\r\nActionID: csc-0\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Success\r\n", "ActionID: csc-0\r\n",
                    "EventList: start\r\n", "Message: Channels will follow\r\n", "\r\n");
            assertThat(ami.readMessage()).containsExactly("Event: CoreShowChannelsComplete\r\n", "ActionID: csc-0\r\n",
                    "EventList: Complete\r\n", "ListItems: 0\r\n", "\r\n");
            ami.send("Action: Status\r\nActionID: status-0\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Success\r\n", "ActionID: status-0\r\n",
                    "EventList: start\r\n", "Message: Channel status will follow\r\n", "\r\n");
            assertThat(ami.readMessage()).containsExactly("Event: StatusComplete\r\n", "ActionID: status-0\r\n",
                    "EventList: Complete\r\n", "ListItems: 0\r\n", "Items: 0\r\n", "\r\n");
            ami.send("Action: NoSuchAction\r\nActionID: unknown-1\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Error\r\n", "ActionID: unknown-1\r\n",
                    "Message: Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands.\r\n", "\r\n");
            ami.send("ActionID: noaction-1\r\nFoo: bar\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Error\r\n", "ActionID: noaction-1\r\n",
                    "Message: Missing action in request\r\n", "\r\n");
            ami.send("Action: Command\r\nCommand: no such cli command\r\nActionID: command-3\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Error\r\n", "ActionID: command-3\r\n",
                    "Message: Command output follows\r\n",
                    "Output: No such command 'no such cli command' (type 'core show help no such' for other possible commands)\r\n", "\r\n");
            ami.send("Action: Hangup\r\nChannel: PJSIP/1002-00000020\r\nActionID: hangup-2\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Error\r\n", "ActionID: hangup-2\r\n",
                    "Message: No such channel\r\n", "\r\n");
            ami.send("Action: Logoff\r\nActionID: logoff-2\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Goodbye\r\n", "ActionID: logoff-2\r\n",
                    "Message: Thanks for all the fish.\r\n", "\r\n");
            assertThat(ami.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void md5ChallengeLoginWithEventsOffSendsNothingAfterTheResponse() throws Exception {
        try (TestSockets.RawConnection ami = TestSockets.RawConnection.connect(fake.amiPort())) {
            ami.readRawLine();
            ami.send("Action: Challenge\r\nAuthType: MD5\r\nActionID: challenge-1\r\n\r\n");
            List<String> challenge = ami.readMessage();
            assertThat(challenge.subList(0, 2)).containsExactly("Response: Success\r\n", "ActionID: challenge-1\r\n");
            assertThat(challenge.get(2)).matches("Challenge: \\d{9}\r\n");
            String value = challenge.get(2).substring("Challenge: ".length()).trim();
            ami.send("Action: Login\r\nAuthType: MD5\r\nUsername: ccengine\r\nKey: "
                    + AmiSession.md5Hex(value + "ccengine-secret") + "\r\nEvents: off\r\nActionID: login-3\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Success\r\n", "ActionID: login-3\r\n",
                    "Message: Authentication accepted\r\n", "\r\n");
            ami.send("Action: Logoff\r\nActionID: logoff-3\r\n\r\n");
            assertThat(ami.readMessage()).containsExactly("Response: Goodbye\r\n", "ActionID: logoff-3\r\n",
                    "Message: Thanks for all the fish.\r\n", "\r\n");
        }
    }

    @Test
    void callEventsCarryTheChannelBlockInAsteriskOrder() throws Exception {
        try (TestSockets.RawConnection ami = TestSockets.RawConnection.connect(fake.amiPort())) {
            ami.readRawLine();
            ami.send("Action: Login\r\nUsername: ccengine\r\nSecret: ccengine-secret\r\n\r\n");
            ami.readMessage();
            fake.call("5551234", "600").callerName("sipp caller").start();
            List<String> newchannel = ami.readMessageStartingWith("Event: Newchannel\r\n");
            assertThat(newchannel.get(1)).isEqualTo("Privilege: call,all\r\n");
            assertThat(newchannel.get(2)).startsWith("Timestamp: ");
            assertThat(newchannel.subList(3, newchannel.size()))
                    .extracting(l -> l.substring(0, l.indexOf(':') < 0 ? 0 : l.indexOf(':')))
                    .containsExactly("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName",
                            "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
                            "Priority", "Uniqueid", "Linkedid", "");
            assertThat(newchannel).contains("ChannelState: 4\r\n", "ChannelStateDesc: Ring\r\n",
                    "ConnectedLineNum: <unknown>\r\n", "AccountCode: \r\n", "Exten: 600\r\n");
            // 600 is not in this fake's dialplan: the channel is hung up as unallocated
            List<String> hangup = ami.readMessageStartingWith("Event: Hangup\r\n");
            assertThat(hangup).contains("Cause: 1\r\n", "Cause-txt: Unallocated (unassigned) number\r\n");
        }
    }
}
