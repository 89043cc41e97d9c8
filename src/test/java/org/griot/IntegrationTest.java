package org.griot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.griot.telephony.simulator.FakeAsterisk;
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
public abstract class IntegrationTest {

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
        // Never closed: it lives as long as the cached Spring context whose AMI link talks to it (a fake
        // closed first would keep that link reconnecting while the JVM exits).
    }

    @DynamicPropertySource
    static void workingCopies(DynamicPropertyRegistry registry) {
        registry.add("griot.processes.path", PROCESSES::toString);
        registry.add("griot.rules.path", RULES::toString);
        registry.add("griot.prompts.path", PROMPTS::toString);
        registry.add("griot.database.embedded.data-dir", () -> WORK.resolve("mariadb").toString());
        // The suite drives the folder poll itself; a background poll would race with it.
        registry.add("griot.rules.poll-interval", () -> "1h");
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
