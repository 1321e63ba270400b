package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.EdgeInitializer;
import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.edge.internal.web.RequestScreening;
import io.github.edgeauth.core.testing.LoopbackJetty;
import io.github.edgeauth.core.internal.config.Settings;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The edge in front of a Tomcat-family backend (embedded Tomcat 10.1), which reads {@code /..;/} as
 * {@code /../}: a route's base must not be a door to the server's other applications.
 */
class TomcatBackendTest {
    private static final AtomicInteger OTHER_APP_CALLS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static Tomcat tomcat;
    private static int tomcatPort;
    private static LoopbackJetty edge;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        Connector connector = tomcat.getConnector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        addApplication("/orders", "orders", new AtomicInteger());
        addApplication("/other-app", "other-app", OTHER_APP_CALLS);
        tomcat.start();
        tomcatPort = connector.getLocalPort();

        EdgeConfiguration config = EdgeConfiguration.read(Settings.of(Map.of(
                "edgeauth.edge.route.orders", "http://127.0.0.1:" + tomcatPort + "/orders"),
                Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")));
        // As the edge installs them: screening first, then the login stage (here a stand-in), then forwarding.
        edge = new LoopbackJetty("", 0).initializer((classes, context) -> {
            context.addFilter("screen", new RequestScreening(new io.github.edgeauth.core.internal.metrics.RejectionCounts(),
                    EdgeInitializer.mounts(config), Set.of())).addMappingForUrlPatterns(null, true, "/*");
            context.addFilter("login", new EdgeForwardingTest.StandInLogin()).addMappingForUrlPatterns(null, true, "/*");
            EdgeInitializer.installForwarding(context, config, Clock.systemUTC());
        }).start();
    }

    private static void addApplication(String path, String name, AtomicInteger calls) {
        Context context = tomcat.addContext(path, dir.toString());
        Tomcat.addServlet(context, name, new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                calls.incrementAndGet();
                resp.setContentType("text/plain");
                resp.getWriter().write("app=" + name);
            }
        });
        context.addServletMappingDecoded("/*", name);
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        tomcat.stop();
        tomcat.destroy();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("X-Stand-In-Login", "alice")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tomcatItselfReadsDotDotSemicolonAsDotDot() throws Exception {
        HttpResponse<String> direct = get(URI.create("http://127.0.0.1:" + tomcatPort + "/orders/..;/other-app/"));
        assertEquals("app=other-app", direct.body(), "the hole this test guards against is real on this server");
    }

    @Test
    void throughTheEdgeNoSpellingOfDotDotLeavesTheRoute() throws Exception {
        int before = OTHER_APP_CALLS.get();
        for (String climb : List.of("/orders/..;/other-app/", "/orders/..;x=1/other-app/",
                "/orders/%2e%2e;/other-app/", "/orders/.%2E;/other-app/", "/orders/a/..;/..;/other-app/")) {
            HttpResponse<String> response = get(edge.uri(climb));
            assertEquals(400, response.statusCode(), climb + " " + response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("")
                    .split(";")[0], climb + " " + response.body());
            assertEquals("bad_target", JSONObjectUtils.parse(response.body()).get("reason"), climb);
        }
        assertEquals(before, OTHER_APP_CALLS.get(), "another application was reached");
        assertEquals("app=orders", get(edge.uri("/orders/items;jsessionid=1")).body());
    }
}
