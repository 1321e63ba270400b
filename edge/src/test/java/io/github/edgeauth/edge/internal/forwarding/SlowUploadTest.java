package io.github.edgeauth.edge.internal.forwarding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An outsider who starts an upload and never finishes it holds only their own request: the edge's forwarding of
 * everyone else's goes on (the set-up of {@link EdgeForwardingTest}). A client whose body the edge streams to a
 * backend must never hold a thread that other requests need, such as the HTTP client's selector.
 */
class SlowUploadTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        EdgeForwardingTest.start();
    }

    @AfterAll
    static void stop() throws Exception {
        EdgeForwardingTest.stop();
    }

    @Test
    void anUploadThatStallsHalfWayHoldsUpNoOtherRequest() throws Exception {
        try (Socket upload = new Socket("127.0.0.1", EdgeForwardingTest.edge.uri("/").getPort())) {
            OutputStream out = upload.getOutputStream();
            out.write(("POST /orders/public/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: mallory\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + 2 * EdgeForwardingTest.UPLOAD_SENT
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Enough that the edge's writes to the backend must wait for it to read, then nothing more.
            out.write(new byte[EdgeForwardingTest.UPLOAD_SENT]);
            out.flush();
            assertTrue(EdgeForwardingTest.UPLOAD_READ.await(20, TimeUnit.SECONDS),
                    "the backend never read what the client sent");

            // While the upload is held open, others' calls, with and without bodies, go through.
            List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HttpRequest.Builder call = HttpRequest.newBuilder(EdgeForwardingTest.edge.uri("/orders/public/headers"))
                        .header("X-Stand-In-Login", "alice").timeout(Duration.ofSeconds(20));
                others.add(http.sendAsync(i % 2 == 0 ? call.build()
                                : call.POST(HttpRequest.BodyPublishers.ofString("small")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> other : others) {
                HttpResponse<String> answer = other.get(30, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals("alice", EdgeForwardingTest.lines(answer.body()).get("subject"));
            }
        }
    }
}
