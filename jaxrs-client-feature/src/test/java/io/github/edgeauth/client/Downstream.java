package io.github.edgeauth.client;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream service on loopback (the JDK's HTTP server): answers 200 with the headers it saw, or 401
 * {@code invalid_token} for tokens the test has revoked.
 */
final class Downstream implements AutoCloseable {
    final Set<String> revoked = ConcurrentHashMap.newKeySet();
    final List<String> seenAuthorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final List<String> seenContexts = new CopyOnWriteArrayList<>();
    /** Where {@code /redirect} sends the caller, when set. */
    volatile URI redirectTo;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    Downstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seenAuthorizations.add(String.valueOf(authorization));
            seenContexts.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-User-Context")));
            exchange.getRequestBody().readAllBytes();
            if (redirectTo != null && exchange.getRequestURI().getPath().equals("/redirect")) {
                exchange.getResponseHeaders().set("Location", redirectTo.toString());
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            String token = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
            if (revoked.contains(token)) {
                exchange.getResponseHeaders().set("WWW-Authenticate",
                        "Bearer realm=\"edgeauth\", error=\"invalid_token\", error_description=\"token_expired\"");
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            byte[] body = ("context=" + exchange.getRequestHeaders().getFirst("X-User-Context")
                    + "\nrequestId=" + exchange.getRequestHeaders().getFirst("X-Request-Id") + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
