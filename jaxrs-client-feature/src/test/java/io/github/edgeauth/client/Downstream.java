package io.github.edgeauth.client;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpServer;
import io.github.edgeauth.core.ReasonCode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream service on loopback (the JDK's HTTP server): answers 200 with the headers it saw, or 401
 * {@code invalid_token} for tokens the test has revoked, or for every request when told to refuse them all.
 */
final class Downstream implements AutoCloseable {
    final Set<String> revoked = ConcurrentHashMap.newKeySet();
    final List<String> seenAuthorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final List<String> seenContexts = new CopyOnWriteArrayList<>();
    /** Where {@code /redirect} sends the caller, when set. */
    volatile URI redirectTo;
    /** How a revoked token is refused: a plain RFC 6750 401 without a body, unless set. */
    volatile Refusal revokedAnswer = Refusal.PLAIN;
    /** When set, every request is refused so, whatever its token (as a backend refuses a user context). */
    volatile Refusal refuseEvery;
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
            Refusal refusal = refuseEvery != null ? refuseEvery : revoked.contains(token) ? revokedAnswer : null;
            if (refusal != null) {
                exchange.getResponseHeaders().set("WWW-Authenticate",
                        "Bearer realm=\"edgeauth\", error=\"invalid_token\", error_description=\""
                                + refusal.description() + "\"");
                byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
                if (refusal.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", refusal.contentType());
                }
                exchange.sendResponseHeaders(401, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
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

    /** A 401 {@code invalid_token}: the header's {@code error_description}, and the body, if any, with its type. */
    record Refusal(String description, String contentType, String body) {
        static final Refusal PLAIN = new Refusal("token_expired", null, "");

        /** As edgeauth's filter refuses (ProblemResponse): the reason in the header and in a problem body. */
        static Refusal edgeauth(ReasonCode reason) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "urn:edgeauth:reason:" + reason.code());
            problem.put("title", reason.title());
            problem.put("status", reason.status());
            problem.put("reason", reason.code());
            problem.put("requestId", "4bf92f3577b34da6a3ce929d0e0e4736");
            return new Refusal(reason.code(), "application/problem+json", JSONObjectUtils.toJSONString(problem));
        }
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
