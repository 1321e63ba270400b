package io.github.edgeauth.it;

import io.github.edgeauth.testkit.PayaraMicroServer;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend whose answer breaks off mid-body (it crashed, or its server stopped under it) must reach the client as
 * broken, never as a whole answer: the edge WAR on Payara Micro, in front of a backend that sends its status, its
 * headers and part of its body and then closes the connection. A client reading the edge's answer must see it end
 * without HTTP/1.1's end of body: no final chunk of a chunked answer, fewer bytes than a declared length, and the
 * connection closed. An edge that finished its answer cleanly would hand a browser or an API client a truncated page
 * or document as if it were complete (a 200 with half a JSON body, a page without its end), and a cache would keep it.
 * A backend that hangs up before any of its body gets the client the edge's 502.
 */
class BackendCutOffIT {
    /** What the backend sends before it hangs up: part of a chunked body, or 6 of the 100 bytes it declared. */
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\npart 1\r\n";
    private static final String SIZED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\npart 1";
    /** Its status and headers, no byte of its body. */
    private static final String HEADERS_ONLY = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n";

    static MockOAuth2Server provider;
    static PayaraMicroServer server;
    static ServerSocket backend;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("backend-cut-off").toAbsolutePath();
        Files.createDirectories(dir);
        provider = MockProvider.inThisJvm(0);
        backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread answering = new Thread(BackendCutOffIT::answerAndHangUp, "cut-off-backend");
        answering.setDaemon(true);
        answering.start();
        int port = Ports.free();
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        List<String> settings = new ArrayList<>(ServerSettings.edge(issuer, "cut",
                "http://127.0.0.1:" + backend.getLocalPort()));
        settings.add("-Dedgeauth.edge.public-paths=/api/cut/*");
        server = PayaraMicroServer.start(dir, port, settings);
        server.deploy("edge", "/", Path.of(System.getProperty("edgeauth.demo.dir"), "edge-war.war").toAbsolutePath());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void aChunkedAnswerCutOffHasNoFinalChunk() throws IOException {
        String answer = throughTheEdge("/api/cut/chunked");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("part 1"), "the part the backend sent goes on as it arrives: " + answer);
        assertFalse(answer.endsWith("0\r\n\r\n"), "the edge ended the cut-off answer as if it were whole: " + answer);
    }

    @Test
    void anAnswerCutOffBeforeItsLengthEndsShortAndClosed() throws IOException {
        String answer = throughTheEdge("/api/cut/sized");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("Content-Length: 100"), answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertTrue(body.startsWith("part 1") && body.length() < 100, "the edge made up the rest of the body: " + answer);
    }

    /**
     * Nothing of the body had gone out: the client gets the edge's 502, not the backend's 200 over an empty body
     * (which a client would take for a whole, empty answer).
     */
    @Test
    void anAnswerCutOffBeforeItsBodyIsTheEdges502() throws IOException {
        String answer = throughTheEdge("/api/cut/headers", "Connection: close\r\n"); // a whole answer: read to its end
        assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("\"reason\":\"backend_unavailable\""),
                answer);
    }

    /**
     * The edge's whole answer to {@code path}, read until the edge closes the connection; failing if the edge keeps
     * it open (a client would wait for the rest, or read the next answer as this one's body).
     */
    private static String throughTheEdge(String path) throws IOException {
        return throughTheEdge(path, "");
    }

    private static String throughTheEdge(String path, String headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.uri("/").getPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n"
                            + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(read);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the edge kept the connection open after the cut-off answer: " + read);
            } catch (IOException e) {
                // a reset: the connection ended, which is what is wanted
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The backend: reads each request's head, sends the part its path names, and hangs up. */
    private static void answerAndHangUp() {
        while (!backend.isClosed()) {
            try (Socket socket = backend.accept()) {
                String head = readHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                String answer = head.startsWith("GET /sized") ? SIZED : head.startsWith("GET /headers") ? HEADERS_ONLY : CHUNKED;
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // closed at the end of the test, or a client that went away
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
