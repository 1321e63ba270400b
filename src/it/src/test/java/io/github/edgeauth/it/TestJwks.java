package io.github.edgeauth.it;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.github.edgeauth.core.internal.keys.KeyFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The test-only key's JWKS, published on 127.0.0.1 at the port the build reserved
 * ({@code edgeauth.it.jwks-port}): the Arquillian-started servers are given
 * {@code edgeauth.context.jwks-url} pointing here, as backends are given the edge's JWKS URL.
 */
final class TestJwks {
    private static HttpServer server;

    private TestJwks() {
    }

    /** The private test-only key that signs the contexts the tests send. */
    static JWK signingKey() throws IOException {
        return keys().stream().filter(JWK::isPrivate).findFirst().orElseThrow();
    }

    /** Starts publishing, once per test JVM; the servers fetch the keys at their first request. */
    static synchronized void publish() throws IOException {
        if (server != null) {
            return;
        }
        byte[] body = new JWKSet(KeyFiles.publicOnly(keys())).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.getInteger("edgeauth.it.jwks-port")), 0);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(null);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static List<JWK> keys() {
        try {
            return KeyFiles.pemFile(Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
