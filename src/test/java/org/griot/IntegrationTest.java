package org.griot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.List;
import org.griot.routing.Acd;
import org.griot.routing.QueueSettings;
import org.griot.routing.RoutingAdministration;
import org.griot.telephony.simulator.FakeAsterisk;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one Spring context for the whole suite (same configuration, so
 * Spring caches it), a real MariaDB (embedded in a fresh folder, or the server named by
 * GRIOT_DATABASE_URL as in CI), the fake Asterisk {@link #PBX} over real sockets, and working copies of
 * processes/, rules/ and prompts/ so uploads made by tests never touch the repository's folders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false) // tests see /actuator/prometheus as production does
@Import(IntegrationTest.StaffedAndOpen.class)
public abstract class IntegrationTest {

    /** Extension of the suite's standby agent, logged in (paused) on every queue. */
    public static final String STANDBY_EXTENSION = "1099";

    /**
     * The suite's contact centre is open all day and staffed: a standby agent is logged in (paused, so
     * never offered a call) on every queue, so that callers queue as they do in a staffed centre. The
     * outage playbook otherwise offers callbacks at night or when nobody is logged in; tests of those
     * situations set them up themselves.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class StaffedAndOpen {
        /** Created after the AMI link, so destroyed before it: the link sees the PBX go as the JVM stops. */
        @Bean
        org.springframework.beans.factory.DisposableBean suitePbxCloser(org.griot.telephony.TelephonyControl telephony) {
            return PBX::close;
        }

        @Bean
        ApplicationRunner staffedAndOpenAllDay(RoutingAdministration administration, Acd acd) {
            return args -> {
                SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("suite", null,
                        List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
                try {
                    for (QueueSettings q : acd.queues()) {
                        administration.saveQueue(new QueueSettings(q.id(), q.name(), q.slPercent(), q.slSeconds(),
                                q.wrapUpSeconds(), q.ringSeconds(), q.maxWaitSeconds(), q.overflowQueue(), "Mon-Sun 00:00-24:00",
                                q.announceSeconds(), q.skillLevel(), q.relaxAfterSeconds(), q.relaxedLevel()));
                    }
                    administration.saveAgent("suite-standby", "Standby (test suite)", null, "",
                            acd.queues().stream().map(QueueSettings::id).toList());
                    for (int i = 0; i < 100 && acd.agent("suite-standby").isEmpty(); i++) {
                        Thread.sleep(10); // the ACD takes the new profile in on its own thread
                    }
                    acd.login("suite-standby", STANDBY_EXTENSION);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            };
        }
    }

    /** The suite's audit key: fixed, so a test can sign what Griot would (never a real installation's key). */
    public static final String AUDIT_KEY = "suite-audit-key-0123456789-abcdefghijklmnop";

    public static final Path WORK = Path.of("target", "test-work", Long.toString(ProcessHandle.current().pid()))
            .toAbsolutePath();
    public static final Path PROCESSES = WORK.resolve("processes");
    public static final Path RULES = WORK.resolve("rules");
    public static final Path PROMPTS = WORK.resolve("prompts");

    /**
     * The suite's PBX: a wire-faithful fake Asterisk that the application reaches over real AMI and
     * FastAGI sockets (adapter "asterisk"), as in production. 1919 is routed to Griot's IVR script.
     */
    public static final FakeAsterisk PBX;
    public static final int AGI_PORT = freePort();

    static {
        copyTree(Path.of("processes"), PROCESSES);
        copyTree(Path.of("rules"), RULES);
        copyTree(Path.of("prompts"), PROMPTS);
        PBX = FakeAsterisk.builder().amiUser("griot", "suite-secret").fastAgiServer("127.0.0.1", AGI_PORT)
                .dialplan("1919", "agi://127.0.0.1:" + AGI_PORT + "/ivr").start();
        // Closed with the Spring context (StaffedAndOpen's bean), not before it: its AMI link talks to it.
    }

    @DynamicPropertySource
    static void workingCopies(DynamicPropertyRegistry registry) {
        registry.add("griot.processes.path", PROCESSES::toString);
        registry.add("griot.rules.path", RULES::toString);
        registry.add("griot.prompts.path", PROMPTS::toString);
        registry.add("griot.database.embedded.data-dir", () -> WORK.resolve("mariadb").toString());
        registry.add("griot.audit.key", () -> AUDIT_KEY);
        registry.add("griot.audit.checkpoint-file", () -> WORK.resolve("audit").resolve("checkpoints.log").toString());
        // The suite drives the folder poll itself; a background poll would race with it.
        registry.add("griot.rules.poll-interval", () -> "1h");
        registry.add("griot.callback.voicemail-folder", () -> WORK.resolve("voicemail").toString());
        registry.add("griot.telephony.adapter", () -> "asterisk");
        registry.add("griot.telephony.ami.host", () -> "127.0.0.1");
        registry.add("griot.telephony.ami.port", PBX::amiPort);
        registry.add("griot.telephony.ami.username", () -> "griot");
        registry.add("griot.telephony.ami.password", () -> "suite-secret");
        registry.add("griot.telephony.agi.bind", () -> "127.0.0.1");
        registry.add("griot.telephony.agi.port", () -> AGI_PORT);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
