package org.griot.telephony.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The AMI listener: one {@link AmiSession} (reader + writer thread) per accepted connection. */
final class AmiServer implements AutoCloseable {

    private final Pbx pbx;
    private final FakeAsterisk.Config config;
    private final Set<AmiSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket serverSocket;
    private volatile int port;
    private volatile boolean closed;
    private volatile boolean frozen;

    AmiServer(Pbx pbx, FakeAsterisk.Config config) {
        this.pbx = pbx;
        this.config = config;
    }

    void start() throws IOException {
        bind(0);
    }

    private void bind(int wantedPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 512);
        this.serverSocket = socket;
        this.port = socket.getLocalPort();
        Thread acceptor = new Thread(() -> acceptLoop(socket), "fake-ami-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!closed && !socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                AmiSession session = new AmiSession(this, pbx, config, client);
                sessions.add(session);
                session.start(frozen);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    int port() {
        return port;
    }

    int sessionCount() {
        int n = 0;
        for (AmiSession s : sessions) {
            if (s.isAuthenticated()) {
                n++;
            }
        }
        return n;
    }

    void removed(AmiSession session) {
        sessions.remove(session);
    }

    /** Delivers an event to every logged-in session whose event mask lets its class through. */
    void broadcast(AmiMessage event, String eventClass) {
        for (AmiSession s : sessions) {
            s.offerEvent(event, eventClass);
        }
    }

    void dropAll() {
        for (AmiSession s : sessions) {
            s.close();
        }
    }

    /** Drops every session and closes the port for a while, then listens again on the same port. */
    void restart(Duration realDowntime) {
        ServerSocket old = serverSocket;
        try {
            old.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
        int samePort = port;
        Thread reopen = new Thread(() -> {
            sleepQuietly(realDowntime.toMillis());
            while (!closed) {
                try {
                    bind(samePort);
                    return;
                } catch (IOException e) {
                    sleepQuietly(20);
                }
            }
        }, "fake-ami-restart");
        reopen.setDaemon(true);
        reopen.start();
    }

    void sendRaw(String raw) {
        for (AmiSession s : sessions) {
            s.sendRaw(raw);
        }
    }

    void freeze(boolean freeze) {
        this.frozen = freeze;
        for (AmiSession s : sessions) {
            s.freeze(freeze);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
        dropAll();
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isClosedSocket(IOException e) {
        return e instanceof SocketException;
    }
}
