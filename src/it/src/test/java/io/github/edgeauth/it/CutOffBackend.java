package io.github.edgeauth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A backend on loopback whose answers break off: for a request to a path ending {@code /chunked} its status, its
 * headers and part of a chunked body; {@code /sized} 6 of the 100 bytes it declares; {@code /headers} its headers and
 * no byte of its body; then, once the client has read that part, it hangs up. And that client, which reads the
 * edge's whole answer off a socket.
 */
final class CutOffBackend implements AutoCloseable {
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\npart 1\r\n";
    private static final String SIZED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\npart 1";
    private static final String HEADERS_ONLY = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n";

    private final ServerSocket socket;
    /**
     * Released when a client has read the part of a body the backend sent, after which it hangs up: had it hung up at
     * once, the edge's HTTP client could see the end before the part, and answer 502 instead.
     */
    private final Semaphore partRead = new Semaphore(0);

    private CutOffBackend(ServerSocket socket) {
        this.socket = socket;
    }

    static CutOffBackend start() throws IOException {
        CutOffBackend backend = new CutOffBackend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread answering = new Thread(backend::answerAndHangUp, "cut-off-backend");
        answering.setDaemon(true);
        answering.start();
        return backend;
    }

    /** Its base URL. */
    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /**
     * The whole answer of the server on {@code port} to {@code GET path} with {@code headers} (each ending in CRLF),
     * read until the server closes the connection; failing if it keeps it open (a client would wait for the rest,
     * or read the next answer as this one's body).
     */
    String answer(int port, String path, String headers) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            client.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n"
                    + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[8192];
            boolean partSeen = false;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    read.write(buffer, 0, n);
                    if (!partSeen && read.toString(StandardCharsets.ISO_8859_1).contains("part 1")) {
                        partSeen = true;
                        partRead.release();
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was kept open after the cut-off answer: " + read);
            } catch (IOException e) {
                // a reset: the connection ended, which is what is wanted
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void answerAndHangUp() {
        while (!socket.isClosed()) {
            try (Socket accepted = socket.accept()) {
                String head = readHead(accepted.getInputStream());
                String target = head.substring(0, Math.max(0, head.indexOf(" HTTP/")));
                String answer = target.endsWith("/sized") ? SIZED : target.endsWith("/headers") ? HEADERS_ONLY : CHUNKED;
                OutputStream out = accepted.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (answer != HEADERS_ONLY) {
                    partRead.tryAcquire(10, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                // closed at the end of the test, or a client that went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) {
            head.append((char) b);
        }
        return head.toString();
    }
}
