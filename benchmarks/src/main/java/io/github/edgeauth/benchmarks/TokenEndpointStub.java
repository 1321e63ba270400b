package io.github.edgeauth.benchmarks;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A token endpoint on 127.0.0.1 (the JDK's HTTP server) that answers every client_credentials request with a
 * new token after {@code latency}, and counts the requests. The benchmarks' stand-in for a provider.
 */
final class TokenEndpointStub implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    TokenEndpointStub(Duration lifetime, Duration latency) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "token-endpoint-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            LockSupport.parkNanos(latency.toNanos());
            byte[] body = ("{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.token-" + n + "\","
                    + "\"token_type\":\"Bearer\",\"expires_in\":" + lifetime.toSeconds() + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
