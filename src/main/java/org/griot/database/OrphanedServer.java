package org.griot.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mariadbd left running on Griot's data folder by a JVM that was killed (kill -9, OOM killer): it
 * holds the InnoDB lock, so the next start would fail until a person killed it. Found by the pid
 * file in the data folder and, for servers started before the pid file moved there, by scanning the
 * processes; only a mariadbd whose command line names this very data folder is touched, and only when
 * no live JVM owns it (a second Griot on the same folder is refused, not disrupted).
 */
final class OrphanedServer {

    private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);
    private static final Path PROC = Path.of("/proc");

    private OrphanedServer() {
    }

    static void stopIfRunning(Path dataDir) {
        if (!Files.isDirectory(PROC)) {
            return; // No /proc (macOS, Windows): the command lines cannot be read; nothing is stopped.
        }
        for (ProcessHandle server : serversOf(dataDir)) {
            Optional<ProcessHandle> parent = server.parent();
            // A live JVM parent (also as PID 1 in a container) owns it; an orphan's parent is init or a subreaper.
            if (parent.isPresent() && isJava(parent.get())) {
                throw new IllegalStateException("The embedded MariaDB data folder " + dataDir + " is in use by mariadbd "
                        + server.pid() + " of the running JVM " + parent.get().pid() + "; stop that Griot first");
            }
            log.warn("Stopping mariadbd {} left running on {} by a Griot that did not stop (crash or kill -9)",
                    server.pid(), dataDir);
            stop(server);
        }
    }

    static List<ProcessHandle> serversOf(Path dataDir) {
        String argument = "--datadir=" + dataDir;
        Set<Long> candidates = new LinkedHashSet<>();
        pidFromFile(dataDir.resolve(EmbeddedMariaDb.PID_FILE)).ifPresent(candidates::add);
        ProcessHandle.allProcesses().filter(p -> p.info().command().map(OrphanedServer::isServerBinary).orElse(false))
                .forEach(p -> candidates.add(p.pid()));
        List<ProcessHandle> servers = new ArrayList<>();
        for (long pid : candidates) {
            if (pid == ProcessHandle.current().pid()) {
                continue;
            }
            List<String> commandLine = commandLine(pid);
            if (!commandLine.isEmpty() && isServerBinary(commandLine.get(0)) && commandLine.contains(argument)) {
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(servers::add);
            }
        }
        return servers;
    }

    private static void stop(ProcessHandle server) {
        server.destroy(); // SIGTERM: InnoDB shuts down cleanly and releases its lock.
        if (!waitForExit(server, 60)) {
            log.warn("mariadbd {} ignored SIGTERM for 60 s; killing it", server.pid());
            server.destroyForcibly();
            if (!waitForExit(server, 15)) {
                throw new IllegalStateException("Could not stop the orphaned mariadbd " + server.pid());
            }
        }
    }

    private static boolean waitForExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static Optional<Long> pidFromFile(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The NUL-separated /proc/&lt;pid&gt;/cmdline, exactly as the process was started. */
    private static List<String> commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline")),
                    StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of(); // gone meanwhile, or not ours to read
        }
    }

    private static boolean isServerBinary(String command) {
        String name = Path.of(command).getFileName() == null ? command : Path.of(command).getFileName().toString();
        return name.equals("mariadbd") || name.equals("mysqld");
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> {
            Path name = Path.of(c).getFileName();
            return name != null && name.toString().startsWith("java");
        }).orElse(false);
    }
}
