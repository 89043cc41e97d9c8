package org.griot.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed checkpoints of the chain head, appended to a file outside the database
 * ({@code griot.audit.checkpoint-file}): at start, on {@code griot.audit.checkpoint-cron} and at shutdown.
 * Whoever can rewrite the database cannot sign a checkpoint (no key) nor make the chain end before a
 * checkpoint it already has without verification saying so. Each node writes its own file.
 */
@Component
class AuditCheckpoints implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final JdbcClient jdbc;
    private final AuditKeyring keys;
    private final Clock clock;
    private final Path file;

    AuditCheckpoints(JdbcClient jdbc, AuditKeyring keys, Clock clock, AuditProperties properties) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.file = Path.of(properties.checkpointFile()).toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    /** Appends a checkpoint of the current head, unless the file's last line already has this head. */
    synchronized Optional<AuditCheckpoint> write() {
        AuditChainHead head = AuditChainHead.read(jdbc);
        long sequence = head.lastEventId();
        String hash = head.lastHash();
        if (sequence == 0) {
            return Optional.empty();
        }
        List<String> lines = lines();
        if (!lines.isEmpty()) {
            AuditCheckpoint last = AuditCheckpoint.parse(lines.size(), lines.get(lines.size() - 1));
            if (last != null && last.sequence() == sequence && last.hash().equals(hash)) {
                return Optional.empty();
            }
        }
        AuditCheckpoint checkpoint = AuditCheckpoint.signed(sequence, hash, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                keys.current());
        append(checkpoint.toLine() + "\n");
        return Optional.of(checkpoint);
    }

    /** The file's lines, oldest first; none when no checkpoint was written yet. */
    List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit checkpoints " + file, e);
        }
    }

    private void append(String line) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                channel.force(true); // on disk before Griot says it was written
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the audit checkpoints " + file, e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        writeQuietly("start");
    }

    @Override
    public void destroy() {
        writeQuietly("shutdown");
    }

    /** Start and shutdown must not fail because of a checkpoint; the scheduled one and verification will say. */
    private void writeQuietly(String when) {
        try {
            write().ifPresent(c -> log.info("Audit checkpoint at {}: event {} into {}", when, c.sequence(), file));
        } catch (RuntimeException e) {
            log.error("Could not write the audit checkpoint at {} into {}: {}", when, file, e.getMessage());
        }
    }
}
