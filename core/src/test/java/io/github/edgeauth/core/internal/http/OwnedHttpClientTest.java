package io.github.edgeauth.core.internal.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class OwnedHttpClientTest {

    @Test
    void sendsUntilClosedThenFailsAsAnUnreachableServerDoes() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        OwnedHttpClient owned = OwnedHttpClient.build(HttpClient.newBuilder());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .build();
            assertEquals(204, owned.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            owned.close();
            // Not a hang: a JDK client whose workers were stopped waits forever for an answer.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThrows(IOException.class, () -> owned.send(request, HttpResponse.BodyHandlers.discarding())));
        } finally {
            server.stop(0);
        }
    }

    /**
     * What an undeploy on Open Liberty needs: the server keeps the undeployed servlet that holds the client,
     * and the client's selector thread must end all the same.
     */
    @Test
    void theSelectorThreadEndsOnceClosedThoughTheOwnerIsStillHeld() throws InterruptedException {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        OwnedHttpClient owned = OwnedHttpClient.build(HttpClient.newBuilder());
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.getName().endsWith("-SelectorManager")).toList();
        assertFalse(selectors.isEmpty(), "the client's selector thread");

        owned.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (selectors.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            System.gc(); // the JDK ends the selector once the client is collected; it looks every 3 s
            Thread.sleep(100); // polling the thread, with a deadline
        }
        assertEquals(List.of(), selectors.stream().filter(Thread::isAlive).map(Thread::getName).toList(),
                "selector threads still running");
        Reference.reachabilityFence(owned);
    }
}
