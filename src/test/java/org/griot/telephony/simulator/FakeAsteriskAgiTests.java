package org.griot.telephony.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FastAGI side against asterisk-java's DefaultAgiServer, and byte-level against a raw server. */
class FakeAsteriskAgiTests {

    private DefaultAgiServer agiServer;
    private Thread agiServerThread;
    private FakeAsterisk fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
        if (agiServer != null) {
            agiServer.shutdown();
        }
    }

    private int startAgiServer(AgiScript script) throws Exception {
        int port = TestSockets.freePort();
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of("ivr", script));
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
        agiServer = new DefaultAgiServer(mapping) {
            @Override
            protected org.asteriskjava.util.ServerSocketFacade createServerSocket() throws java.io.IOException {
                org.asteriskjava.util.ServerSocketFacade socket = super.createServerSocket();
                listening.countDown();
                return socket;
            }
        };
        agiServer.setPort(port);
        agiServer.setAddress(InetAddress.getLoopbackAddress());
        agiServerThread = new Thread(() -> {
            try {
                agiServer.startup();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "agi-server");
        agiServerThread.setDaemon(true);
        agiServerThread.start();
        assertThat(listening.await(5, TimeUnit.SECONDS)).isTrue();
        return port;
    }

    private FakeAsterisk fakeWithAgiAt(int port) {
        fake = FakeAsterisk.builder()
                .amiUser("griot", "griot-secret")
                .fastAgiServer("127.0.0.1", port)
                .dialplan("1919", "agi://griot:4573/ivr")
                .promptDuration("welcome", Duration.ofSeconds(4))
                .start();
        return fake;
    }

    @Test
    void asteriskJavaScriptReceivesTheScriptedDigits() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        int port = startAgiServer((AgiRequest request, AgiChannel channel) -> {
            seen.add(request.getScript());
            seen.add(request.getCallerIdNumber());
            channel.answer();
            char pressed = channel.streamFile("welcome", "12");
            seen.add(String.valueOf(pressed));
            seen.add(channel.getData("menu", 5000, 4));
            seen.add(channel.getData("menu", 5000, 4));
            seen.add(String.valueOf(channel.waitForDigit(3000)));
        });
        fakeWithAgiAt(port);

        SimulatedCall call = fake.call("22997000001", "1919")
                .press("2")
                .press("34#")
                .noInput()
                .pressAfterPrompt("7")
                .start();

        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(seen).containsExactly("ivr", "22997000001", "2", "34", "", "7");
        assertThat(call.agiCommands()).containsExactly("ANSWER", "STREAM FILE \"welcome\" \"12\"",
                "GET DATA \"menu\" 5000 4", "GET DATA \"menu\" 5000 4", "WAIT FOR DIGIT 3000",
                // asterisk-java reports the script outcome itself before closing
                "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
        assertThat(call.agiReplies()).containsExactly("200 result=0", "200 result=50 endpos=8000", "200 result=34",
                "200 result= (timeout)", "200 result=55", "200 result=1", "HANGUP");
        assertThat(call.eventNames()).containsSubsequence("Newchannel", "Newstate", "Newexten", "AGIExecStart",
                "AGIExecEnd", "DTMFBegin", "DTMFEnd", "VarSet", "SoftHangupRequest", "Hangup");
        assertThat(call.hangupCause()).isEqualTo(16);
    }

    @Test
    void callerHangingUpDuringGetDataRaisesAgiHangupException() throws Exception {
        List<Object> outcome = new CopyOnWriteArrayList<>();
        int port = startAgiServer((request, channel) -> {
            channel.answer();
            outcome.add(channel.getData("menu", 10_000, 4));
            try {
                channel.streamFile("bye");
                outcome.add("no exception");
            } catch (AgiHangupException e) {
                outcome.add(e.getClass().getSimpleName());
            }
        });
        fakeWithAgiAt(port);

        SimulatedCall call = fake.call("22997000002", "1919").hangUpDuringCollection(1).start();

        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(outcome).containsExactly("-1", "AgiHangupException");
        assertThat(call.agiReplies()).startsWith("200 result=0", "200 result=-1", "HANGUP",
                "511 Command Not Permitted on a dead channel or intercept routine");
        assertThat(call.eventNames()).containsSubsequence("HangupRequest", "AGIExecEnd", "VarSet", "SoftHangupRequest", "Hangup");
        assertThat(call.hangupCause()).isZero();
        assertThat(call.variable("AGISTATUS")).isEqualTo("HANGUP");
    }

    @Test
    void environmentBlockMatchesTheCaptureLineByLine() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            fake = FakeAsterisk.builder().fastAgiServer("127.0.0.1", server.getLocalPort())
                    .dialplan("1919", "agi://127.0.0.1:4573/ivr").inboundContext("from-trunk").start();
            SimulatedCall call = fake.call("5551234", "1919").callerName("sipp caller").start();
            server.setSoTimeout(5000);
            try (TestSockets.RawConnection agi = new TestSockets.RawConnection(server.accept())) {
                List<String> env = new ArrayList<>();
                String line;
                while (!(line = agi.readRawLine()).equals("\n")) {
                    env.add(line);
                }
                List<String> expected = new ArrayList<>(List.of(
                        "agi_network: yes\n", "agi_network_script: ivr\n", "agi_request: agi://127.0.0.1:4573/ivr\n",
                        "agi_channel: " + call.channelName() + "\n", "agi_language: en\n", "agi_type: PJSIP\n",
                        "agi_uniqueid: " + call.uniqueid() + "\n", "agi_version: 22.10.1\n", "agi_callerid: 5551234\n",
                        "agi_calleridname: sipp caller\n", "agi_callingpres: 0\n", "agi_callingani2: 0\n",
                        "agi_callington: 0\n", "agi_callingtns: 0\n", "agi_dnid: 1919\n", "agi_rdnis: unknown\n",
                        "agi_context: from-trunk\n", "agi_extension: 1919\n", "agi_priority: 2\n", "agi_enhanced: 0.0\n",
                        "agi_accountcode: \n"));
                assertThat(env.subList(0, expected.size())).containsExactlyElementsOf(expected);
                assertThat(env.get(expected.size())).matches("agi_threadid: \\d{15}\n");
                assertThat(env).hasSize(expected.size() + 1);
                assertThat(call.channelName()).matches("PJSIP/trunk-[0-9a-f]{8}");
                assertThat(call.uniqueid()).matches("\\d{10}\\.\\d+");

                // replies exactly as in fastagi-inbound-ivr.txt (LF only)
                agi.send("GET VARIABLE \"CALLERID(name)\"\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=1 (sipp caller)\n");
                agi.send("GET VARIABLE NO_SUCH_VARIABLE\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=0\n");
                agi.send("STREAM FILE no-such-file \"\"\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=0 endpos=24000\n");
                agi.send("EXEC NoSuchApplication foo\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=-2\n");
                agi.send("EXEC \"Playback\" \"beep\"\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=0\n");
                agi.send("CHANNEL STATUS\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=6\n");
                agi.send("GET FULL VARIABLE ${CHANNEL}\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=1 (" + call.channelName() + ")\n");
                agi.send("FOO BAR\n");
                assertThat(agi.readRawLine()).isEqualTo("510 Invalid or unknown command\n");
                agi.send("GET DATA\n");
                assertThat(List.of(agi.readRawLine(), agi.readRawLine(), agi.readRawLine(), agi.readRawLine())).containsExactly(
                        "520-Invalid command syntax.  Proper usage follows:\n",
                        "Stream the given <replaceable>file</replaceable>, and receive DTMF data.\n",
                        "Returns the digits received from the channel at the other end.\n",
                        "520 End of proper usage.\n");
                agi.send("SET VARIABLE ONLYONEARG\n");
                assertThat(List.of(agi.readRawLine(), agi.readRawLine(), agi.readRawLine())).containsExactly(
                        "520-Invalid command syntax.  Proper usage follows:\n",
                        "Sets a variable to the current channel.\n", "520 End of proper usage.\n");
                agi.socket.shutdownOutput();
                assertThat(agi.readRawLine()).isEqualTo("HANGUP\n");
                assertThat(agi.readRawLine()).isNull();
            }
            assertThat(call.awaitEnd(Duration.ofSeconds(5))).isTrue();
            assertThat(call.eventNames()).endsWith("VarSet", "Newexten", "SoftHangupRequest", "Hangup");
            assertThat(call.hangupCause()).isEqualTo(16);
        }
    }

    @Test
    void idleHangupSendsHangupAtOnceThenDeadModeUntilClose() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            fake = FakeAsterisk.builder().fastAgiServer("127.0.0.1", server.getLocalPort())
                    .dialplan("1919", "agi://griot:4573/ivr").start();
            SimulatedCall call = fake.call("22997000003", "1919").start();
            server.setSoTimeout(5000);
            try (TestSockets.RawConnection agi = new TestSockets.RawConnection(server.accept())) {
                while (!agi.readRawLine().equals("\n")) {
                    // environment
                }
                agi.send("ANSWER\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=0\n");
                call.hangUp();
                assertThat(agi.readRawLine()).isEqualTo("HANGUP\n");
                agi.send("GET DATA beep 1000 1\n");
                assertThat(agi.readRawLine()).isEqualTo("511 Command Not Permitted on a dead channel or intercept routine\n");
                agi.send("SET VARIABLE X 1\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=1\n");
                agi.send("VERBOSE \"after hangup\" 1\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=1\n");
                assertThat(call.isEnded()).as("Hangup waits for the AGI to end").isFalse();
                agi.socket.shutdownOutput();
                assertThat(agi.readRawLine()).isEqualTo("HANGUP\n");
            }
            assertThat(call.awaitEnd(Duration.ofSeconds(5))).isTrue();
            assertThat(call.eventNames()).containsSubsequence("HangupRequest", "VarSet", "SoftHangupRequest", "Hangup");
        }
    }

    @Test
    void scriptedHangupAfterFortySimulatedSecondsEndsTheCallQuickly() throws Exception {
        int port = startAgiServer((request, channel) -> {
            channel.answer();
            for (int i = 0; i < 100; i++) {
                channel.streamFile("welcome");
            }
        });
        fakeWithAgiAt(port);

        long started = System.nanoTime();
        SimulatedCall call = fake.call("22997000004", "1919").hangUpAfter(Duration.ofSeconds(40)).start();

        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5000);
        // 4 s prompts: ten play fully, then the caller hangs up at 40 s while the script is between commands
        assertThat(call.agiReplies()).filteredOn(r -> r.equals("200 result=0 endpos=32000")).hasSize(10);
        assertThat(call.agiReplies().subList(11, 13)).containsExactly("HANGUP",
                "511 Command Not Permitted on a dead channel or intercept routine");
        assertThat(call.simulatedDuration()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void garbageFromTheFastAgiServerGets510AndTheSessionGoesOn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            fake = FakeAsterisk.builder().fastAgiServer("127.0.0.1", server.getLocalPort())
                    .dialplan("1919", "agi://griot:4573/ivr").start();
            SimulatedCall call = fake.call("22997000005", "1919").start();
            server.setSoTimeout(5000);
            try (TestSockets.RawConnection agi = new TestSockets.RawConnection(server.accept())) {
                while (!agi.readRawLine().equals("\n")) {
                    // environment
                }
                agi.send("\u0001\u0002\u00ff garbage\n");
                assertThat(agi.readRawLine()).isEqualTo("510 Invalid or unknown command\n");
                agi.send("X".repeat(10_000) + "\n");
                assertThat(agi.readRawLine()).isEqualTo("510 Invalid or unknown command\n");
                agi.send("STREAM FILE \"unterminated quote\n");
                assertThat(agi.readRawLine()).startsWith("520-Invalid command syntax.");
                while (!agi.readRawLine().startsWith("520 ")) {
                    // usage lines
                }
                agi.send("ANSWER\n");
                assertThat(agi.readRawLine()).isEqualTo("200 result=0\n");
            }
            assertThat(call.awaitEnd(Duration.ofSeconds(5))).isTrue();
        }
    }
}
