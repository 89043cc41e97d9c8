package org.griot.telephony.asterisk;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.SequenceInputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One accepted FastAGI connection handed to asterisk-java once its header block has arrived: the
 * bytes the acceptor already read are replayed first, then the socket is read in blocking mode with
 * the session's read timeout. Closing it (asterisk-java does when the script ends) runs
 * {@code onClose} once, which frees the source's connection slot.
 */
final class AgiConnection implements SocketConnectionFacade, AutoCloseable {

    private final SocketChannel channel;
    private final Socket socket;
    private final BufferedReader reader;
    private final Writer writer;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    AgiConnection(SocketChannel channel, byte[] alreadyRead, Duration readTimeout, Runnable onClose) throws IOException {
        this.channel = channel;
        this.onClose = onClose;
        channel.configureBlocking(true);
        this.socket = channel.socket();
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        this.reader = new BufferedReader(new InputStreamReader(
                new SequenceInputStream(new ByteArrayInputStream(alreadyRead), socket.getInputStream()), StandardCharsets.UTF_8));
        this.writer = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
    }

    @Override
    public String readLine() throws IOException {
        return reader.readLine();
    }

    @Override
    public void write(String s) throws IOException {
        writer.write(s);
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } finally {
                onClose.run();
            }
        }
    }

    @Override
    public boolean isConnected() {
        return channel.isOpen() && channel.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
