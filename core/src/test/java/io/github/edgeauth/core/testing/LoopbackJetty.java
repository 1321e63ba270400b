package io.github.edgeauth.core.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.EventListener;
import java.util.EnumSet;
import java.util.Map;

/**
 * Test support: a real servlet container (embedded Jetty, Servlet 6.0) on 127.0.0.1 with one web application.
 * Ambiguous paths ({@code //}, encoded dots, {@code ..;}) reach the application, as on Payara, Tomcat and most
 * servers, so edgeauth's own checks are what the tests see; headers may be up to 32 KiB, as Payara allows.
 */
public final class LoopbackJetty implements AutoCloseable {
    private final Server server = new Server();
    private final ServletContextHandler context;
    private final ServerConnector connector;

    /** An application at {@code contextPath} ({@code ""} for the root) on {@code port} (0: any free port). */
    public LoopbackJetty(String contextPath, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(32 * 1024);
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        context.setSessionHandler(new SessionHandler());
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        server.setHandler(context);
    }

    /** Adds {@code filter} on {@code pattern} for requests. */
    public LoopbackJetty filter(Filter filter, String pattern) {
        context.addFilter(new FilterHolder(filter), pattern, EnumSet.of(DispatcherType.REQUEST));
        return this;
    }

    /** Adds a filter of {@code type} named {@code name} with {@code initParams}, as web.xml declares one. */
    public LoopbackJetty filter(Class<? extends Filter> type, String name, Map<String, String> initParams,
                                String pattern) {
        FilterHolder holder = new FilterHolder(type);
        holder.setName(name);
        holder.setInitParameters(initParams);
        context.addFilter(holder, pattern, EnumSet.of(DispatcherType.REQUEST));
        return this;
    }

    /** Adds {@code servlet} on {@code pattern}. */
    public LoopbackJetty servlet(HttpServlet servlet, String pattern) {
        context.addServlet(new ServletHolder(servlet), pattern);
        return this;
    }

    /** Sets a context-param, as web.xml does. */
    public LoopbackJetty contextParam(String name, String value) {
        context.setInitParameter(name, value);
        return this;
    }

    /** Adds a listener, such as a {@code ServletContextListener}. */
    public LoopbackJetty listener(EventListener listener) {
        context.addEventListener(listener);
        return this;
    }

    /** Adds an initializer, run at start as the container runs a jar's. */
    public LoopbackJetty initializer(ServletContainerInitializer initializer) {
        context.addServletContainerInitializer(new ServletContainerInitializerHolder(initializer));
        return this;
    }

    /** Starts the server. */
    public LoopbackJetty start() throws Exception {
        server.start();
        return this;
    }

    /** {@code path} under the application, on 127.0.0.1. */
    public URI uri(String path) {
        String root = context.getContextPath().equals("/") ? "" : context.getContextPath();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + root + path);
    }

    /** The application's servlet-context attribute {@code name}, or null: what a listener left for the filters. */
    public Object contextAttribute(String name) {
        return context.getServletContext().getAttribute(name);
    }

    /** A port free right now on loopback, for a server that must be named before it starts. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
