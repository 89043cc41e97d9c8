package org.griot.telephony.asterisk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI front door: one thread accepts connections and reads each one's AGI header block
 * without blocking, so a connection that sends nothing costs a socket, not a thread. Only a complete
 * header within the header timeout reaches the session pool; the pool has no queue, and a session that
 * finds it full is closed at once. Every refusal (source not allowed, too many from one source, header
 * too slow or too large, pool full) closes the socket and goes to a {@link BurstLog}.
 */
final class AgiAcceptor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgiAcceptor.class);

    /** Asterisk's environment block is about 700 bytes; 16 KiB leaves room for long arguments. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Connections waiting for their header, over all sources: a bound on file descriptors. */
    static final int MAX_PENDING = 4096;
    private static final long TICK_MILLIS = 200;
    private static final byte[] AGI_PREFIX = "agi_".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    enum Refusal { NOT_ALLOWED, SOURCE_LIMIT, TOO_MANY_PENDING, HEADER_TIMEOUT, HEADER_TOO_LARGE, NOT_AGI, POOL_FULL }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final AgiSourcePolicy policy;
    private final long headerTimeoutNanos;
    private final Duration readTimeout;
    private final Executor pool;
    private final Consumer<AgiConnection> sessions;
    private final Clock clock;
    private final BurstLog burst;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicInteger activeCount = new AtomicInteger();
    private final AtomicLongArray refusals = new AtomicLongArray(Refusal.values().length);
    private final AtomicLong acceptFailures = new AtomicLong();
    private long acceptPausedUntil;
    private final Thread thread;
    private volatile boolean running = true;

    AgiAcceptor(ServerSocketChannel server, AgiSourcePolicy policy, Duration headerTimeout, Duration readTimeout,
            Executor pool, Consumer<AgiConnection> sessions, Clock clock, BurstLog burst) throws IOException {
        this.server = server;
        this.policy = policy;
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.readTimeout = readTimeout;
        this.pool = pool;
        this.sessions = sessions;
        this.clock = clock;
        this.burst = burst;
        this.selector = Selector.open();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::loop, "fastagi-acceptor");
        thread.setDaemon(true);
        thread.start();
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    int pendingHeaders() {
        return pendingCount.get();
    }

    int activeSessions() {
        return activeCount.get();
    }

    long refused(Refusal reason) {
        return refusals.get(reason.ordinal());
    }

    /** accept() calls that failed (e.g. no file descriptor left); each pauses accepting for a moment. */
    long acceptFailures() {
        return acceptFailures.get();
    }

    private void loop() {
        try {
            while (running) {
                if (selector.selectedKeys().isEmpty()) {
                    selector.select(TICK_MILLIS);
                }
                List<Pending> complete = new ArrayList<>();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll(key);
                    } else if (key.isReadable()) {
                        Pending connection = (Pending) key.attachment();
                        if (read(connection)) {
                            complete.add(connection);
                        }
                    }
                }
                if (!complete.isEmpty()) {
                    // A channel leaves the selector only at its next selection: then it may turn blocking.
                    complete.forEach(connection -> connection.key.cancel());
                    selector.selectNow();
                    complete.forEach(this::handOff);
                }
                expireSlowHeaders();
                resumeAccepting();
                burst.tick(clock.instant());
            }
        } catch (IOException | RuntimeException e) {
            // The selector itself failed (or a bug): FastAGI is down, say so loudly (griot.telephony.agi.up turns 0).
            if (running && !(e instanceof ClosedSelectorException)) {
                log.error("FastAGI acceptor stopped: {}", e.getMessage(), e);
            }
        } finally {
            pending.forEach(connection -> closeQuietly(connection.channel));
            pending.clear();
            pendingCount.set(0);
        }
    }

    private void acceptAll(SelectionKey acceptKey) {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
                if (channel == null) {
                    return;
                }
            } catch (IOException e) {
                // Typically "Too many open files": the server stays up and tries again once descriptors free up.
                if (!server.isOpen()) {
                    return;
                }
                acceptFailures.incrementAndGet();
                burst.refused(clock.instant(), "-", "ACCEPT_FAILED");
                log.debug("FastAGI accept failed: {}", e.getMessage());
                pauseAccepting(acceptKey);
                return;
            }
            InetAddress source;
            try {
                source = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            } catch (IOException e) {
                closeQuietly(channel); // reset before we could look at it
                continue;
            }
            if (pendingCount.get() >= MAX_PENDING) {
                refuse(channel, source, Refusal.TOO_MANY_PENDING);
                continue;
            }
            AgiSourcePolicy.Verdict verdict = policy.admit(source);
            if (verdict != AgiSourcePolicy.Verdict.ACCEPTED) {
                refuse(channel, source, verdict == AgiSourcePolicy.Verdict.NOT_ALLOWED ? Refusal.NOT_ALLOWED
                        : Refusal.SOURCE_LIMIT);
                continue;
            }
            try {
                channel.configureBlocking(false);
                Pending connection = new Pending(channel, source, System.nanoTime() + headerTimeoutNanos);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                pending.addLast(connection);
                pendingCount.incrementAndGet();
            } catch (IOException e) {
                closeQuietly(channel);
                policy.release(source);
            }
        }
    }

    /** Stops accepting for a moment after an accept failure, so a full descriptor table does not spin the loop. */
    private void pauseAccepting(SelectionKey acceptKey) {
        acceptKey.interestOps(0);
        acceptPausedUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    }

    private void resumeAccepting() {
        if (acceptPausedUntil != 0 && System.nanoTime() - acceptPausedUntil >= 0) {
            acceptPausedUntil = 0;
            server.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /** Reads what arrived; true when the header block is complete. Closes and forgets a broken one. */
    private boolean read(Pending connection) {
        try {
            int read = connection.channel.read(connection.buffer);
            if (read < 0) {
                // Gone before its header (a port probe, or a PBX that gave up): nothing to refuse or log.
                drop(connection);
                return false;
            }
            if (!connection.looksLikeAgi()) {
                // Asterisk's block always starts with agi_network: anything else (an HTTP probe, garbage) gets no thread.
                drop(connection);
                refuse(connection.channel, connection.source, Refusal.NOT_AGI);
                return false;
            }
            if (connection.headerComplete()) {
                return true;
            }
            if (!connection.buffer.hasRemaining() && !connection.grow()) {
                drop(connection);
                refuse(connection.channel, connection.source, Refusal.HEADER_TOO_LARGE);
            }
        } catch (IOException e) {
            drop(connection);
        }
        return false;
    }

    private void handOff(Pending connection) {
        connection.done = true;
        pendingCount.decrementAndGet();
        byte[] header = Arrays.copyOf(connection.buffer.array(), connection.buffer.position());
        connection.buffer = null; // the entry stays in the deadline queue until its deadline: keep it small
        AgiConnection session;
        try {
            session = new AgiConnection(connection.channel, header, readTimeout, () -> {
                activeCount.decrementAndGet();
                policy.release(connection.source);
            });
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection.channel);
            policy.release(connection.source);
            return;
        }
        activeCount.incrementAndGet();
        try {
            pool.execute(() -> sessions.accept(session));
        } catch (RejectedExecutionException e) {
            closeQuietly(session);
            countAndLog(connection.source, Refusal.POOL_FULL);
        }
    }

    private void expireSlowHeaders() {
        long now = System.nanoTime();
        // Every connection gets the same timeout, so arrival order is deadline order.
        while (!pending.isEmpty() && (pending.peekFirst().done || pending.peekFirst().deadline - now <= 0)) {
            Pending connection = pending.pollFirst();
            if (!connection.done) {
                drop(connection);
                refuse(connection.channel, connection.source, Refusal.HEADER_TIMEOUT);
            }
        }
    }

    /** Forgets a connection still waiting for its header: closes it and frees its source's slot. */
    private void drop(Pending connection) {
        if (connection.done) {
            return;
        }
        connection.done = true;
        connection.buffer = null;
        pendingCount.decrementAndGet();
        connection.key.cancel();
        closeQuietly(connection.channel);
        policy.release(connection.source);
    }

    private void refuse(SocketChannel channel, InetAddress source, Refusal reason) {
        closeQuietly(channel);
        countAndLog(source, reason);
    }

    private void countAndLog(InetAddress source, Refusal reason) {
        refusals.incrementAndGet(reason.ordinal());
        burst.refused(clock.instant(), source.getHostAddress(), reason.name());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing a FastAGI connection: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(selector);
        closeQuietly(server);
    }

    /** A connection waiting for its header block. */
    private static final class Pending {
        final SocketChannel channel;
        final InetAddress source;
        final long deadline;
        // Small first: thousands of idle connections must not hold 16 KiB each.
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        SelectionKey key;
        boolean done;
        private int scanned;

        Pending(SocketChannel channel, InetAddress source, long deadline) {
            this.channel = channel;
            this.source = source;
            this.deadline = deadline;
        }

        boolean grow() {
            if (buffer.capacity() >= MAX_HEADER_BYTES) {
                return false;
            }
            ByteBuffer larger = ByteBuffer.allocate(Math.min(MAX_HEADER_BYTES, buffer.capacity() * 2));
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
            return true;
        }

        /** False as soon as the first bytes are not "agi_" (the start of every FastAGI environment line). */
        boolean looksLikeAgi() {
            byte[] bytes = buffer.array();
            int end = Math.min(buffer.position(), AGI_PREFIX.length);
            for (int i = 0; i < end; i++) {
                if (bytes[i] != AGI_PREFIX[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The block ends with an empty line: LF LF on the wire (CR tolerated before an LF). */
        boolean headerComplete() {
            byte[] bytes = buffer.array();
            int end = buffer.position();
            for (int i = Math.max(1, scanned); i < end; i++) {
                if (bytes[i] == '\n' && (bytes[i - 1] == '\n' || (i >= 2 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n'))) {
                    return true;
                }
            }
            scanned = end;
            return false;
        }
    }
}
