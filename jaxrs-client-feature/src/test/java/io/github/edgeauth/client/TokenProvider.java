package io.github.edgeauth.client;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The identity provider of the client tests: mock-oauth2-server in this JVM on loopback, the settings of a
 * client named {@code inventory} that gets its tokens there, and a count of the token requests it served.
 */
final class TokenProvider implements AutoCloseable {
    /** The inventory client's secret: a test fails if it shows up in a log line. */
    static final String SECRET = "s3cret-never-logged";

    final MockOAuth2Server server = new MockOAuth2Server();

    TokenProvider() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String issuer() {
        return "http://127.0.0.1:" + server.baseUrl().port() + "/default";
    }

    /** The inventory client's settings, bound to {@code baseUrl}; a mutable map the test may change. */
    Map<String, String> clientSettings(URI baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.client.inventory.token-endpoint", issuer() + "/token");
        settings.put("edgeauth.client.inventory.client-id", "orders-service");
        settings.put("edgeauth.client.inventory.client-secret", SECRET);
        settings.put("edgeauth.client.inventory.scopes", "inventory:read");
        settings.put("edgeauth.client.inventory.base-urls", baseUrl.toString());
        return settings;
    }

    /** Every token request of the test gets tokens of this lifetime (a few are queued ahead). */
    void tokensLive(long seconds) {
        for (int i = 0; i < 8; i++) {
            server.enqueueCallback(new DefaultOAuth2TokenCallback("default", "orders-service", "JWT",
                    List.of("inventory"), Map.of("scope", "inventory:read"), seconds));
        }
    }

    /** How many token requests arrived since the last call. */
    long tokenRequests() {
        long count = 0;
        while (true) {
            RecordedRequest request;
            try {
                request = server.takeRequest(1, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                return count;
            }
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                count++;
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
