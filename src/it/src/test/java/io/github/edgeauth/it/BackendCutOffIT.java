package io.github.edgeauth.it;

import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicroServer;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend whose answer breaks off mid-body (it crashed, or its server stopped under it) must reach the client as
 * broken, never as a whole answer: the edge WAR on Payara Micro, in front of a {@link CutOffBackend} that sends its
 * status, its headers and part of its body and then hangs up. A client reading the edge's answer must see it end
 * without HTTP/1.1's end of body: no final chunk of a chunked answer, fewer bytes than a declared length, and the
 * connection closed. An edge that finished its answer cleanly would hand a browser or an API client a truncated page
 * or document as if it were complete (a 200 with half a JSON body, a page without its end), and a cache would keep it.
 * A backend that hangs up before any of its body gets the client the edge's 502.
 */
class BackendCutOffIT {
    static MockOAuth2Server provider;
    static PayaraMicroServer server;
    static CutOffBackend backend;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("backend-cut-off").toAbsolutePath();
        Files.createDirectories(dir);
        provider = MockProvider.inThisJvm(0);
        backend = CutOffBackend.start();
        int port = Ports.free();
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        List<String> settings = new ArrayList<>(ServerSettings.edge(issuer, "cut", backend.url()));
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
        String answer = backend.answer(server.uri("/").getPort(), "/api/cut/chunked", "");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("part 1"), "the part the backend sent goes on as it arrives: " + answer);
        assertFalse(answer.endsWith("0\r\n\r\n"), "the edge ended the cut-off answer as if it were whole: " + answer);
    }

    @Test
    void anAnswerCutOffBeforeItsLengthEndsShortAndClosed() throws IOException {
        String answer = backend.answer(server.uri("/").getPort(), "/api/cut/sized", "");
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
        // A whole answer: asked to close, so that it is read to its end.
        String answer = backend.answer(server.uri("/").getPort(), "/api/cut/headers", "Connection: close\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("\"reason\":\"backend_unavailable\""),
                answer);
    }
}
