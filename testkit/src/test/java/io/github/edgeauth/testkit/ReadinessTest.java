package io.github.edgeauth.testkit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {
    private Process server;

    @BeforeEach
    void startAProcessThatRunsOn() throws IOException {
        server = new ProcessBuilder("sleep", "60").start();
    }

    @AfterEach
    void stopIt() {
        server.destroyForcibly();
    }

    @Test
    void aUrlThatAnswersTheReadyStatusEndsTheWait() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Ports.free()), 0);
        http.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        try {
            Readiness.await("the stub", server, URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/health"),
                    status -> status == 204, Duration.ofSeconds(10), Duration.ofMillis(50));
        } finally {
            http.stop(0);
        }
    }

    @Test
    void nothingListeningFailsAtTheDeadlineNamingTheUrl() throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + Ports.free() + "/health");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Readiness.await("the stub",
                server, uri, status -> true, Duration.ofMillis(300), Duration.ofMillis(50)));
        assertTrue(failure.getMessage().contains("the stub did not answer " + uri), failure.getMessage());
    }

    @Test
    void aFailureTheLogShowsEndsTheWaitAtOnceWithItsCause() throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + Ports.free() + "/health");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Readiness.await("the stub",
                server, uri, status -> true, Duration.ofMinutes(1), Duration.ofMillis(50),
                () -> Optional.of("edgeauth: setting edgeauth.service.audience is missing")));
        assertTrue(failure.getMessage().contains("the stub failed: edgeauth: setting edgeauth.service.audience"),
                failure.getMessage());
    }

    @Test
    void aProcessThatExitedEndsTheWaitAtOnce() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        URI uri = URI.create("http://127.0.0.1:" + Ports.free() + "/health");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Readiness.await("the stub",
                exited, uri, status -> true, Duration.ofMinutes(1), Duration.ofMillis(50)));
        assertTrue(failure.getMessage().contains("the stub exited with 0"), failure.getMessage());
    }
}
