package io.github.edgeauth.edge;

import io.github.edgeauth.core.config.Settings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;

/** A real servlet container on loopback, for the edge and for backends behind it. */
final class Jetty implements AutoCloseable {
    final Server server;
    final ServletContextHandler context;
    private final ServerConnector connector;

    Jetty(String contextPath) {
        this(contextPath, 0);
    }

    Jetty(String contextPath, int port) {
        server = new Server();
        // Jetty refuses ambiguous paths (//, encoded dots, ..;) itself; Payara, Tomcat and most servers do not:
        // let them reach the edge, whose own checks are under test.
        org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
        http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        context.setSessionHandler(new SessionHandler());
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        server.setHandler(context);
    }

    /** The edge as its WAR installs it, configured from {@code settings} and on {@code port}; not started yet. */
    static Jetty edge(Settings settings, int port, Clock clock) {
        EdgeConfiguration edgeConfig = EdgeConfiguration.read(settings);
        LoginConfiguration login = LoginConfiguration.read(settings);
        Jetty edge = new Jetty("", port);
        edge.context.addServletContainerInitializer(new ServletContainerInitializerHolder(
                (classes, context) -> EdgeInitializer.install(context, edgeConfig, login, clock)));
        return edge;
    }

    Jetty filter(Filter filter, String pattern) {
        context.addFilter(new FilterHolder(filter), pattern, EnumSet.of(DispatcherType.REQUEST));
        return this;
    }

    Jetty servlet(HttpServlet servlet, String pattern) {
        context.addServlet(new ServletHolder(servlet), pattern);
        return this;
    }

    Jetty start() throws Exception {
        server.start();
        return this;
    }

    /** A port free right now on loopback, for a server that must be named before it starts. */
    static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        String root = context.getContextPath().equals("/") ? "" : context.getContextPath();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + root + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
