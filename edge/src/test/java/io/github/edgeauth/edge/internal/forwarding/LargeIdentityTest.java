package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.EdgeInitializer;
import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.LoopbackJetty;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user in 300 directory groups in front of a Tomcat with its default 8 KB request-header limit: the edge
 * never sends a context the backend's server would refuse, nor one cut off; a route that narrows the roles it
 * receives serves that user.
 */
class LargeIdentityTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger CALLS = new AtomicInteger();

    @TempDir
    static Path dir;
    private static Tomcat tomcat;
    private static int tomcatPort;
    private static LoopbackJetty edge;
    private static EdgeConfiguration config;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new Tomcat(); // the connector as shipped: maxHttpHeaderSize 8192
        tomcat.setBaseDir(dir.toString());
        Connector connector = tomcat.getConnector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/orders", dir.toString());
        Tomcat.addServlet(context, "roles", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                CALLS.incrementAndGet();
                Object roles;
                try {
                    roles = SignedJWT.parse(req.getHeader("X-User-Context")).getJWTClaimsSet().getClaim("roles");
                } catch (java.text.ParseException e) {
                    throw new IOException(e);
                }
                resp.setContentType("text/plain");
                resp.getWriter().write(String.valueOf(roles));
            }
        });
        context.addServletMappingDecoded("/*", "roles");
        tomcat.start();
        tomcatPort = connector.getLocalPort();

        config = EdgeConfiguration.read(Settings.of(Map.of(
                "edgeauth.edge.route.orders", "http://127.0.0.1:" + tomcatPort + "/orders",
                // The same backend again, for contexts with only the roles it checks.
                "edgeauth.edge.route.narrow", "http://127.0.0.1:" + tomcatPort + "/orders",
                "edgeauth.edge.mount.narrow", "/narrow/orders",
                "edgeauth.edge.roles.narrow", "orders-*"), Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")));
        edge = new LoopbackJetty("", 0).initializer((classes, servlets) -> {
            servlets.addFilter("login", new EdgeForwardingTest.StandInLogin()).addMappingForUrlPatterns(null, true, "/*");
            EdgeInitializer.installForwarding(servlets, config, Clock.systemUTC());
        }).start();
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        tomcat.stop();
        tomcat.destroy();
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).headers(headers).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLimitIsRealAContextOf300GroupsSentStraightToTomcatIsRefusedWhole() throws Exception {
        Set<String> roles = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            roles.add("CN=Group " + i + ",OU=Groups,DC=corp,DC=example,DC=com");
        }
        String context = new ContextSigner(config.keys().current(), config.keys().algorithm(), config.id())
                .mint(UserContext.builder().subject("gina").roles(roles).build(), "edgeauth", Duration.ofSeconds(60));
        int before = CALLS.get();
        assertEquals(400, get(URI.create("http://127.0.0.1:" + tomcatPort + "/orders/list"), "X-User-Context", context)
                .statusCode(), "Tomcat's default header limit");
        assertEquals(before, CALLS.get());
    }

    @Test
    void aUserIn300GroupsGetsAClearRefusalNeverACutContext() throws Exception {
        int before = CALLS.get();
        HttpResponse<String> refused = get(edge.uri("/orders/list"), "X-Stand-In-Login", "gina",
                "X-Stand-In-Groups", "300");
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("identity_too_large", JSONObjectUtils.parse(refused.body()).get("reason"));
        assertEquals(before, CALLS.get(), "the backend was called");
        // The same user with few groups passes.
        assertEquals(200, get(edge.uri("/orders/list"), "X-Stand-In-Login", "gina", "X-Stand-In-Groups", "3")
                .statusCode());
    }

    @Test
    void aRouteThatNarrowsTheRolesItReceivesServesThatUser() throws Exception {
        HttpResponse<String> served = get(edge.uri("/narrow/orders/list"), "X-Stand-In-Login", "gina",
                "X-Stand-In-Groups", "300");
        assertEquals(200, served.statusCode(), served.body());
        assertEquals(Set.of("orders-reader", "orders-writer"), Set.of(served.body().replaceAll("[\\[\\] ]", "")
                .split(",")), "the roles the backend received");
        assertTrue(CALLS.get() > 0);
    }
}
