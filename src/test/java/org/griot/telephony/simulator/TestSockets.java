package org.griot.telephony.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Raw-socket helpers for byte-level checks against the captured transcripts. */
final class TestSockets {

    private TestSockets() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A line-oriented client over one socket that keeps the exact terminators it reads. */
    static final class RawConnection implements AutoCloseable {
        final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawConnection(Socket socket) throws IOException {
            this.socket = socket;
            this.socket.setSoTimeout(5000);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static RawConnection connect(int port) throws IOException {
            return new RawConnection(new Socket(InetAddress.getLoopbackAddress(), port));
        }

        void send(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** One line including its terminator (\r\n or \n); null at EOF. */
        String readRawLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }

        /** Lines up to and including the blank line that ends an AMI message (terminators kept). */
        List<String> readMessage() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = readRawLine()) != null) {
                lines.add(line);
                if (line.equals("\r\n") || line.equals("\n")) {
                    break;
                }
            }
            return lines;
        }

        /** Reads messages until one whose first line matches, skipping events such as FullyBooted. */
        List<String> readMessageStartingWith(String firstLine) throws IOException {
            while (true) {
                List<String> m = readMessage();
                if (m.isEmpty() || m.get(0).equals(firstLine)) {
                    return m;
                }
            }
        }

        boolean isClosedByPeer() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
