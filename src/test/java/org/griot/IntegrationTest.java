package org.griot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one Spring context for the whole suite (same configuration, so
 * Spring caches it), a real MariaDB (embedded in a fresh folder, or the server named by
 * GRIOT_DATABASE_URL as in CI), and working copies of processes/, rules/ and prompts/ so uploads
 * made by tests never touch the repository's folders.
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

    static {
        copyTree(Path.of("processes"), PROCESSES);
        copyTree(Path.of("rules"), RULES);
        copyTree(Path.of("prompts"), PROMPTS);
    }

    @DynamicPropertySource
    static void workingCopies(DynamicPropertyRegistry registry) {
        registry.add("griot.processes.path", PROCESSES::toString);
        registry.add("griot.rules.path", RULES::toString);
        registry.add("griot.prompts.path", PROMPTS::toString);
        registry.add("griot.database.embedded.data-dir", () -> WORK.resolve("mariadb").toString());
        // The suite drives the folder poll itself; a background poll would race with it.
        registry.add("griot.rules.poll-interval", () -> "1h");
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
