package io.github.edgeauth.benchmarks.endtoend;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;

/**
 * The backends' way to the edge's JWKS: a reverse proxy on 127.0.0.1 (Jetty's {@link ProxyHandler}) that the
 * soak can cut and restore, as a network fault or a firewall change between backends and edge would.
 */
final class JwksPath implements AutoCloseable {
    private final Server server = new Server();
    private final int port;

    JwksPath(int port, URI edgeJwks) {
        this.port = port;
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ProxyHandler.Reverse(request -> HttpURI.from(edgeJwks)));
    }

    /** The URL the backends are given. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/.well-known/edgeauth/jwks.json");
    }

    void open() throws Exception {
        server.start();
    }

    /** Closes the port: a backend fetching keys now gets a refused connection. */
    void cut() throws Exception {
        server.stop();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
