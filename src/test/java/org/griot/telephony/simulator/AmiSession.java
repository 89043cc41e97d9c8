package org.griot.telephony.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One AMI connection. A reader thread parses messages and answers actions in order (like Asterisk's
 * per-session thread, so a synchronous Originate blocks the session); a writer thread drains an
 * outbound queue so that a slow or frozen client never blocks the calls emitting events.
 */
final class AmiSession {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    /** Asterisk's manager input buffer: longer lines are dumped. */
    private static final int MAX_LINE = 1024;
    /** AST_MAX_MANHEADERS: further headers of a message are ignored. */
    private static final int MAX_HEADERS = 128;
    private static final Object POISON = new Object();

    private final AmiServer server;
    private final Pbx pbx;
    private final FakeAsterisk.Config config;
    private final Socket socket;
    private final BlockingQueue<Object> outbound = new LinkedBlockingQueue<>();
    private final Object freezeLock = new Object();
    private volatile boolean frozen;
    private volatile boolean closed;
    private volatile boolean authenticated;
    private volatile boolean eventsOn = true;
    /** Event classes let through; null = all. */
    private volatile Set<String> eventMask;
    private volatile String challenge;
    private volatile String username;
    /** While a synchronous action runs, events wait here: Asterisk sends them after the response. */
    private final List<String> heldEvents = new ArrayList<>();
    private volatile boolean holdingEvents;

    AmiSession(AmiServer server, Pbx pbx, FakeAsterisk.Config config, Socket socket) {
        this.server = server;
        this.pbx = pbx;
        this.config = config;
        this.socket = socket;
    }

    void start(boolean startFrozen) {
        this.frozen = startFrozen;
        outbound.add(BANNER);
        String id = socket.getPort() + "";
        Thread writer = new Thread(this::writeLoop, "fake-ami-writer-" + id);
        writer.setDaemon(true);
        writer.start();
        Thread reader = new Thread(this::readLoop, "fake-ami-reader-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    boolean isAuthenticated() {
        return authenticated && !closed;
    }

    // ---------------------------------------------------------------- reading

    private void readLoop() {
        try (InputStream in = socket.getInputStream()) {
            AmiMessage message = new AmiMessage();
            StringBuilder line = new StringBuilder();
            boolean dumping = false;
            byte[] buffer = new byte[8192];
            int n;
            while (!closed && (n = in.read(buffer)) >= 0) {
                awaitUnfrozen();
                for (int i = 0; i < n && !closed; i++) {
                    char c = (char) (buffer[i] & 0xff);
                    if (c == '\n') {
                        if (!dumping) {
                            int len = line.length();
                            if (len > 0 && line.charAt(len - 1) == '\r') {
                                line.setLength(len - 1);
                            }
                            message = onLine(line.toString(), message);
                        }
                        line.setLength(0);
                        dumping = false;
                    } else if (!dumping) {
                        line.append(c);
                        if (line.length() > MAX_LINE) {
                            // Asterisk: "Dumping long line with no return from ..." and drops it
                            dumping = true;
                            line.setLength(0);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection gone or broken input: only this connection ends
        } finally {
            close();
        }
    }

    private AmiMessage onLine(String line, AmiMessage message) {
        if (line.isEmpty()) {
            if (!message.isEmpty()) {
                try {
                    handle(message);
                } catch (RuntimeException e) {
                    // never let one bad message kill the server: answer like a failed action
                    send(AmiMessage.response("Error", message.get("ActionID"))
                            .add("Message", "Internal error: " + e.getClass().getSimpleName()).toWire());
                }
            }
            return new AmiMessage();
        }
        if (message.headers().size() < MAX_HEADERS) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                message.add(name, value);
            } else {
                message.add(line, "");
            }
        }
        return message;
    }

    // ---------------------------------------------------------------- actions

    private void handle(AmiMessage m) {
        String action = m.get("Action");
        String actionId = m.get("ActionID");
        if (action == null || action.trim().isEmpty()) {
            error(actionId, "Missing action in request");
            return;
        }
        action = action.trim();
        String lower = action.toLowerCase(Locale.ROOT);
        if (pbx.faults.neverAnswers(action)) {
            return;
        }
        Duration delay = pbx.faults.delayOf(action);
        if (delay != null) {
            AmiServer.sleepQuietly(delay.toMillis());
        }
        if (!authenticated && !lower.equals("login") && !lower.equals("logoff") && !lower.equals("challenge")) {
            error(actionId, "Permission denied");
            return;
        }
        switch (lower) {
            case "login":
                login(m, actionId);
                return;
            case "challenge":
                challenge(m, actionId);
                return;
            case "logoff":
                send(AmiMessage.response("Goodbye", actionId).add("Message", "Thanks for all the fish.").toWire());
                outbound.add(POISON);
                return;
            case "ping":
                send(AmiMessage.response("Success", actionId).add("Ping", "Pong").add("Timestamp", Pbx.timestamp()).toWire());
                return;
            case "events":
                events(m, actionId);
                return;
            case "originate":
                if (!isTrue(m.get("Async"))) {
                    // synchronous originate blocks the session; its events follow the response
                    holdEvents();
                    try {
                        sendAll(pbx.handleAction(lower, m));
                    } finally {
                        releaseEvents();
                    }
                    return;
                }
                sendAll(pbx.handleAction(lower, m));
                return;
            default:
                List<AmiMessage> answer = pbx.handleAction(lower, m);
                if (answer == null) {
                    error(actionId, "Invalid/unknown command: " + action
                            + ". Use Action: ListCommands to show available commands.");
                    return;
                }
                sendAll(answer);
        }
    }

    private void login(AmiMessage m, String actionId) {
        String user = m.get("Username");
        String secret = user == null ? null : config.amiUsers.get(user);
        boolean ok;
        if (secret == null) {
            ok = false;
        } else if ("md5".equalsIgnoreCase(trimmed(m.get("AuthType")))) {
            String key = m.get("Key");
            ok = challenge != null && key != null && key.trim().equalsIgnoreCase(md5Hex(challenge + secret));
        } else {
            ok = secret.equals(m.get("Secret"));
        }
        if (!ok) {
            AmiServer.sleepQuietly(config.authFailureDelay.toMillis());
            send(AmiMessage.response("Error", actionId).add("Message", "Authentication failed").toWire());
            outbound.add(POISON);
            return;
        }
        this.username = user;
        applyEventMask(m.get("Events"), true);
        send(AmiMessage.response("Success", actionId).add("Message", "Authentication accepted").toWire());
        authenticated = true;
        AmiMessage booted = AmiMessage.event("FullyBooted").add("Privilege", "system,all")
                .add("Uptime", pbx.uptimeSeconds()).add("LastReload", pbx.uptimeSeconds()).add("Status", "Fully Booted");
        offerEvent(booted, "system");
        offerEvent(pbx.successfulAuthEvent(user, socket), "security");
    }

    private void challenge(AmiMessage m, String actionId) {
        if (!"md5".equalsIgnoreCase(trimmed(m.get("AuthType")))) {
            error(actionId, "Must specify AuthType");
            return;
        }
        challenge = String.valueOf(ThreadLocalRandom.current().nextInt(100_000_000, 1_000_000_000));
        send(AmiMessage.response("Success", actionId).add("Challenge", challenge).toWire());
    }

    private void events(AmiMessage m, String actionId) {
        boolean on = applyEventMask(m.get("EventMask"), false);
        send(AmiMessage.response("Success", actionId).add("Events", on ? "On" : "Off").toWire());
    }

    /** Login {@code Events:} / action {@code EventMask:}: on, off, or a class list like {@code agi,call}. */
    private boolean applyEventMask(String mask, boolean absentMeansOn) {
        if (mask == null || mask.trim().isEmpty()) {
            eventsOn = absentMeansOn;
            eventMask = null;
            return eventsOn;
        }
        String value = mask.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off") || value.equals("no") || value.equals("false") || value.equals("0")) {
            eventsOn = false;
            eventMask = null;
        } else if (value.equals("on") || value.equals("yes") || value.equals("true") || value.equals("all")) {
            eventsOn = true;
            eventMask = null;
        } else {
            Set<String> classes = new HashSet<>();
            for (String c : value.split(",")) {
                classes.add(c.trim());
            }
            eventsOn = true;
            eventMask = classes;
        }
        return eventsOn;
    }

    private void error(String actionId, String message) {
        send(AmiMessage.response("Error", actionId).add("Message", message).toWire());
    }

    // ---------------------------------------------------------------- writing

    void offerEvent(AmiMessage event, String eventClass) {
        if (!authenticated || !eventsOn || closed) {
            return;
        }
        Set<String> mask = eventMask;
        if (mask != null && !mask.contains(eventClass)) {
            return;
        }
        String wire = event.toWire();
        synchronized (heldEvents) {
            if (holdingEvents) {
                heldEvents.add(wire);
                return;
            }
            outbound.add(wire);
        }
    }

    private void holdEvents() {
        synchronized (heldEvents) {
            holdingEvents = true;
        }
    }

    private void releaseEvents() {
        synchronized (heldEvents) {
            outbound.addAll(heldEvents);
            heldEvents.clear();
            holdingEvents = false;
        }
    }

    private void sendAll(List<AmiMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (AmiMessage msg : messages) {
            sb.append(msg.toWire());
        }
        send(sb.toString());
    }

    private void send(String wire) {
        synchronized (heldEvents) {
            outbound.add(wire);
        }
    }

    void sendRaw(String raw) {
        outbound.add(raw);
    }

    private void writeLoop() {
        try (OutputStream out = socket.getOutputStream()) {
            while (!closed) {
                Object next = outbound.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                awaitUnfrozen();
                if (next == POISON) {
                    out.flush();
                    break;
                }
                StringBuilder batch = new StringBuilder((String) next);
                Object more;
                while (batch.length() < 65536 && (more = outbound.peek()) != null && more != POISON) {
                    batch.append((String) outbound.poll());
                }
                out.write(batch.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // peer gone
        } finally {
            close();
        }
    }

    void freeze(boolean freeze) {
        synchronized (freezeLock) {
            frozen = freeze;
            freezeLock.notifyAll();
        }
    }

    private void awaitUnfrozen() {
        synchronized (freezeLock) {
            while (frozen && !closed) {
                try {
                    freezeLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        authenticated = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        server.removed(this);
        freeze(false);
    }

    static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("on") || v.equals("y") || v.equals("t");
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    static String md5Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder sb = new StringBuilder();
            for (byte b : digest) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
