package io.github.edgeauth.edge.internal.forwarding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads that go wrong on either side, through the edge (the set-up of {@link EdgeForwardingTest}): a client that
 * stops half-way must never have its part taken by the backend for a whole body (and gets 400, its own doing), and
 * a backend that stops reading must not hold the edge's request thread past the response timeout.
 */
class BrokenUploadTest {
    private static final String ROWS = "row: pay 10 to bob\n";

    @BeforeAll
    static void start() throws Exception {
        EdgeForwardingTest.start();
    }

    @AfterAll
    static void stop() throws Exception {
        EdgeForwardingTest.stop();
    }

    @Test
    void aChunkedUploadTheClientHangsUpOnNeverReachesTheBackendAsWhole() throws Exception {
        // The first rows, more than every buffer on the way holds, so the backend starts on them; the rest never
        // comes: the client hangs up.
        byte[] rows = ROWS.repeat(4096).getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            chunks.write((Integer.toHexString(rows.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(rows);
            chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertCutOffUploadRefused("Transfer-Encoding: chunked", chunks.toByteArray());
    }

    @Test
    void aSizedUploadTheClientHangsUpOnNeverReachesTheBackendAsWhole() throws Exception {
        byte[] half = ROWS.repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        assertCutOffUploadRefused("Content-Length: " + 2 * half.length, half);
    }

    /**
     * Sends an upload framed by {@code framing}, stops after {@code part} (the client's side of the connection
     * ends there), and checks that the backend saw a broken body and the client got 400 {@code incomplete_body}:
     * the client's doing, never blamed on the backend.
     */
    private static void assertCutOffUploadRefused(String framing, byte[] part) throws Exception {
        EdgeForwardingTest.UPLOAD_OUTCOMES.clear();
        String answer;
        try (Socket client = new Socket("127.0.0.1", EdgeForwardingTest.edge.uri("/").getPort())) {
            client.setSoTimeout(20_000);
            OutputStream out = client.getOutputStream();
            out.write(("POST /orders/public/upload-outcome HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: mallory\r\n"
                    + "Content-Type: text/csv\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.flush();
            client.shutdownOutput();
            answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertEquals("broken", EdgeForwardingTest.UPLOAD_OUTCOMES.poll(20, TimeUnit.SECONDS),
                "the backend took the part of the upload for a whole body");
        assertTrue(answer.startsWith("HTTP/1.1 400 ") && answer.contains("incomplete_body"), answer);
    }

    @Test
    void aBackendThatStopsReadingAnUploadIsCutOffAtTheResponseTimeout() throws Exception {
        EdgeForwardingTest.releaseNoRead = new CountDownLatch(1);
        try (Socket client = new Socket("127.0.0.1", EdgeForwardingTest.edge.uri("/").getPort())) {
            client.setSoTimeout(20_000);
            long length = 256L << 20; // far more than every buffer on the way holds
            OutputStream out = client.getOutputStream();
            out.write(("POST /orders/public/no-read HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: mallory\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread sender = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                try {
                    for (long sent = 0; sent < length; sent += block.length) {
                        out.write(block);
                    }
                } catch (IOException expected) {
                    // the edge answered and closed: the rest is not wanted
                }
            });
            sender.setDaemon(true);
            sender.start();
            String status = statusLine(client.getInputStream());
            // The edge's response timeout is 1 s; a thread held until the backend gives up would answer after 30 s.
            assertTrue(status.startsWith("HTTP/1.1 504 "), status);
        } finally {
            EdgeForwardingTest.releaseNoRead.countDown();
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().trim();
    }
}
