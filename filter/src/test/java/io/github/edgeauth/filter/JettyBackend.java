package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;

/**
 * A real servlet container (embedded Jetty, Servlet 6.0) on loopback with the filter in front of a servlet
 * that prints what old code would see.
 */
final class JettyBackend implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private JettyBackend(Map<String, String> initParams, boolean withDeploymentCheck) throws Exception {
        this(initParams, withDeploymentCheck, null);
    }

    private JettyBackend(Map<String, String> initParams, boolean withDeploymentCheck, Filter oldCheck)
            throws Exception {
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Payara and most proxies allow larger headers than Jetty's 8 KiB default; let the filter's own limit show.
        http.setRequestHeaderSize(32 * 1024);
        // Jetty refuses ambiguous paths (//, encoded dots) itself; many servers do not: let them reach the filter.
        http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.LEGACY);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/app");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        FilterHolder filter = new FilterHolder(UserContextFilter.class);
        filter.setName("edgeauth");
        filter.setInitParameters(initParams);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        if (oldCheck != null) {
            context.addFilter(new FilterHolder(oldCheck), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new WhoAmI()), "/*");
        if (withDeploymentCheck) {
            context.addEventListener(new DeploymentCheck());
        }
        server.setHandler(context);
        server.start();
    }

    static JettyBackend start(Map<String, String> initParams) throws Exception {
        return new JettyBackend(initParams, false);
    }

    /** As the web fragment installs it: the filter and the listener that checks its settings at deployment. */
    static JettyBackend startLikeTheFragment(Map<String, String> initParams) throws Exception {
        return new JettyBackend(initParams, true);
    }

    /** As in a WAR during a rollout: the filter first, then the WAR's own check of its old tokens. */
    static JettyBackend startBeforeAnOldCheck(Map<String, String> initParams, Filter oldCheck) throws Exception {
        return new JettyBackend(initParams, true, oldCheck);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app" + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** Answers with what the servlet API and the static accessor tell about the caller. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            UserContext user = UserContext.current(req);
            resp.setContentType("text/plain");
            resp.getWriter().print("principal=" + (req.getUserPrincipal() == null ? "" : req.getUserPrincipal().getName())
                    + "\nremoteUser=" + req.getRemoteUser()
                    + "\nauthType=" + req.getAuthType()
                    + "\nadmin=" + req.isUserInRole("admin")
                    + "\nsubject=" + user.subject()
                    + "\nanonymous=" + user.isAnonymous()
                    + "\ncallingService=" + user.callingService().orElse("")
                    + "\nserviceScopes=" + String.join(" ", user.serviceScopes())
                    + "\n");
        }
    }
}
