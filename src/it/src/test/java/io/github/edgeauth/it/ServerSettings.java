package io.github.edgeauth.it;

import java.util.List;

/** The system properties these tests start a {@code PayaraMicroServer} with, as an admin sets them. */
final class ServerSettings {
    private ServerSettings() {
    }

    /**
     * The system properties that configure the orders and inventory samples on a server on {@code port} as the
     * demo configures them: orders gets its service token from {@code issuer} and calls inventory on the same server.
     */
    static List<String> samples(String issuer, int port) {
        return List.of(
                "-Dedgeauth.context.jwks-url=http://127.0.0.1:" + Integer.getInteger("edgeauth.it.jwks-port") + "/jwks.json",
                "-Dedgeauth.client.inventory.issuer=" + issuer,
                "-Dedgeauth.client.inventory.client-id=orders-service",
                "-Dedgeauth.client.inventory.client-secret=orders-secret",
                "-Dedgeauth.service.issuer=" + issuer,
                "-Dedgeauth.service.audience=inventory",
                "-Dinventory/mp-rest/url=http://127.0.0.1:" + port + "/inventory/api");
    }

    /**
     * The system properties that configure the edge WAR for mock-oauth2-server at {@code issuer}, signing with the
     * test-only key (whose JWKS {@code TestJwks} publishes), plain http, with one route: a backend on the same
     * server, so served at {@code /api/<route>} (at its own path the server would hand requests to it directly).
     */
    static List<String> edge(String issuer, String route, String backend) {
        return List.of(
                "-Dedgeauth.edge.issuer=" + issuer,
                "-Dedgeauth.edge.client-id=edge",
                "-Dedgeauth.edge.client-secret=edge-secret",
                "-Dedgeauth.edge.signing-key=" + System.getProperty("edgeauth.it.resources") + "/test-only-signing-key.pem",
                "-Dedgeauth.edge.development=true",
                "-Dedgeauth.edge.route." + route + "=" + backend,
                "-Dedgeauth.edge.mount." + route + "=/api/" + route);
    }
}
