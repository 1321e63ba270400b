package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.EdgeInitializer;
import io.github.edgeauth.edge.EdgeLog;
import io.github.edgeauth.edge.Jetty;
import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.edge.internal.keys.JwksServlet;
import io.github.edgeauth.edge.internal.web.RequestScreening;
import io.github.edgeauth.core.testing.LoopbackJetty;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.edgeauth.filter.UserContextFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge's forwarding, end to end on loopback: client -> edge (Jetty) -> backend (LoopbackJetty with the real
 * backend filter, trusting the edge's JWKS URL).
 */
public class EdgeForwardingTest {
    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    /** The bytes of the upload to {@code /public/upload} that its client sends before it stalls. */
    static final int UPLOAD_SENT = 8 << 20;
    /**
     * Counted down by the backend once it has read all but the last MiB of the {@link #UPLOAD_SENT} bytes of a
     * request to {@code /public/upload} (the hops between may still hold a few KiB).
     */
    static final CountDownLatch UPLOAD_READ = new CountDownLatch(1);
    /** What the backend made of each body sent to {@code /public/upload-outcome}: whole (with its bytes) or broken. */
    static final java.util.concurrent.BlockingQueue<String> UPLOAD_OUTCOMES = new java.util.concurrent.LinkedBlockingQueue<>();
    /** Counted down when the backend that never reads its body ({@code /public/no-read}) may answer. */
    static volatile CountDownLatch releaseNoRead = new CountDownLatch(0);
    /** Counted down by the test once it has read the first server-sent event. */
    private static final CountDownLatch FIRST_EVENT_READ = new CountDownLatch(1);

    static LoopbackJetty backend;
    static LoopbackJetty edge;
    private static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        deadPort = LoopbackJetty.freePort();
        int backendPort = LoopbackJetty.freePort();
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.edge.route.orders", "http://127.0.0.1:" + backendPort + "/orders");
        settings.put("edgeauth.edge.route.dead", "http://127.0.0.1:" + deadPort + "/nothing");
        settings.put("edgeauth.edge.audience.orders", "shop");
        settings.put("edgeauth.edge.response-timeout", "1s");
        // The same backend once more, served elsewhere at the edge: what it sends is moved under the mount.
        settings.put("edgeauth.edge.route.moved", "http://127.0.0.1:" + backendPort + "/orders");
        settings.put("edgeauth.edge.mount.moved", "/shop/orders");
        settings.put("edgeauth.edge.audience.moved", "shop");
        // Rules at the edge for that route: administration for admins, writes to items for writers.
        settings.put("edgeauth.edge.rules.moved", "/admin/*=admin; POST,PUT,DELETE /items/*=orders-writer manager");
        EdgeConfiguration config = EdgeConfiguration.read(Settings.of(settings, Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")));
        // As the edge installs them: screening and stripping first, then the login stage (here a stand-in), then
        // forwarding at each route's mount.
        edge = new LoopbackJetty("", 0).initializer((classes, context) -> {
            context.addFilter("screen", new RequestScreening(new io.github.edgeauth.core.internal.metrics.RejectionCounts(),
                    EdgeInitializer.mounts(config), Set.of("/backchannel-logout", "/logout", "/callback")))
                    .addMappingForUrlPatterns(null, true, "/*");
            context.addFilter("strip", new IdentityHeaderStripping(new ClientHeaderPolicy(config.stripHeaders(), Set.of())))
                    .addMappingForUrlPatterns(null, true, "/*");
            context.addFilter("login", new StandInLogin()).addMappingForUrlPatterns(null, true, "/*");
            context.addServlet("post-only", new PostOnly()).addMapping("/backchannel-logout");
            EdgeInitializer.installForwarding(context, config, Clock.systemUTC());
        }).start();

        // The backend trusts the edge's JWKS URL, as in production; its filter guards every path but /slow.
        backend = new LoopbackJetty("/orders", backendPort).filter(UserContextFilter.class, "edgeauth", Map.of(
                "edgeauth.context.jwks-url", edge.uri(JwksServlet.PATH).toString(),
                "edgeauth.context.audience", "shop",
                "edgeauth.filter.public-paths", "/slow /public/*"), "/*");
        backend.servlet(new Echo(), "/*").start();
    }

    @AfterAll
    static void stop() throws Exception {
        RELEASE_SLOW.countDown();
        releaseNoRead.countDown();
        edge.close();
        backend.close();
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static Map<String, String> lines(String body) {
        Map<String, String> map = new HashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }

    @Test
    void jmxCountsAndTimesForwardsByRouteAndStatus() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName(
                "io.github.edgeauth:type=EdgeForwarding,application=\"/\"");
        long before = forwarded(jmx, name, "orders 200");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, send(HttpRequest.newBuilder(edge.uri("/orders/items/7"))
                    .header("X-Stand-In-Login", "alice")).statusCode());
        }
        // The mount spelt with percent-encoding: refused by the forwarder, and counted.
        assertEquals(400, send(HttpRequest.newBuilder(edge.uri("/%6Frders/x"))).statusCode());

        assertEquals(before + 3, forwarded(jmx, name, "orders 200"));
        javax.management.openmbean.TabularData mean =
                (javax.management.openmbean.TabularData) jmx.getAttribute(name, "ForwardingMillisMean");
        assertTrue((Double) mean.get(new Object[] {"orders 200"}).get("value") > 0.0);
        javax.management.openmbean.TabularData rejections =
                (javax.management.openmbean.TabularData) jmx.getAttribute(name, "Rejections");
        assertTrue((Long) rejections.get(new Object[] {"bad_target"}).get("value") >= 1);
    }

    private static long forwarded(javax.management.MBeanServer jmx, javax.management.ObjectName name, String key)
            throws Exception {
        javax.management.openmbean.TabularData forwarded =
                (javax.management.openmbean.TabularData) jmx.getAttribute(name, "Forwarded");
        javax.management.openmbean.CompositeData row = forwarded.get(new Object[] {key});
        return row == null ? 0 : (Long) row.get("value");
    }

    @Test
    void jwksPublishesOnlyPublicKeys() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri(JwksServlet.PATH)));
        assertEquals(200, response.statusCode());
        JWKSet set = JWKSet.parse(response.body());
        assertEquals(1, set.getKeys().size());
        for (JWK key : set.getKeys()) {
            assertFalse(key.isPrivate());
            assertTrue(key.getKeyID() != null && !key.getKeyID().isEmpty());
        }
        assertFalse(response.body().contains("\"d\""));
    }

    @Test
    void getReachesTheBackendWithAVerifiedContextAndForwardingHeaders() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri("/orders/items/42?x=1&y=%2F"))
                .header("X-Stand-In-Login", "alice").header("X-Request-Id", "req-fwd-1"));

        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> seen = lines(response.body());
        assertEquals("alice", seen.get("subject"));
        assertEquals("/orders/items/42", seen.get("uri"));
        assertEquals("x=1&y=%2F", seen.get("query"));
        assertEquals("127.0.0.1", seen.get("x-forwarded-for"));
        assertEquals("http", seen.get("x-forwarded-proto"));
        assertEquals("req-fwd-1", seen.get("x-request-id"));
        assertEquals("req-fwd-1", response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void postBodiesStreamBothWays() throws Exception {
        byte[] body = new byte[1_000_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri("/orders/upload"))
                .header("X-Stand-In-Login", "alice").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertEquals(200, response.statusCode());
        Map<String, String> seen = lines(response.body());
        assertEquals("POST", seen.get("method"));
        assertEquals(String.valueOf(body.length), seen.get("length"));
        assertEquals(sha256(body), seen.get("sha256"));
    }

    @Test
    void clientSuppliedIdentityHeadersNeverReachTheBackend() throws Exception {
        String forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2ln";
        // Anonymous at the edge with a forged context: the backend sees no context, so it refuses.
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(edge.uri("/orders/items"))
                .header("X-User-Context", forged).header("X-Forwarded-User", "admin"));
        assertEquals(401, anonymous.statusCode());
        assertEquals("missing_credentials", JSONObjectUtils.parse(anonymous.body()).get("reason"));

        // Logged in, with forged extras: the backend sees the edge's context and none of the extras.
        HttpResponse<String> loggedIn = send(HttpRequest.newBuilder(edge.uri("/orders/public/headers"))
                .header("X-Stand-In-Login", "alice").header("X-User-Context", forged)
                .header("X-Forwarded-User", "admin").header("x-remote-user", "admin"));
        Map<String, String> seen = lines(loggedIn.body());
        assertNotEquals(forged, seen.get("context"));
        assertEquals("null", seen.get("x-forwarded-user"));
        assertEquals("null", seen.get("x-remote-user"));
    }

    @Test
    void theEdgeSessionCookieStaysAtTheEdgeAndOthersPass() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri("/orders/public/headers"))
                .header("Cookie", "JSESSIONID=edge-secret; theme=dark; JSESSIONIDVERSION=1:2; JSESSIONIDSSO=s;"
                        + " jsessionid=lower; edgeauth-session=edge-secret; __Host-edgeauth-session=edge-secret;"
                        + " Edgeauth-Session=upper"));
        // The edge's session cookie, the server's and the version and single sign-on cookies servers add beside it,
        // in any case.
        assertEquals("theme=dark", lines(response.body()).get("cookie"));
    }

    @Test
    void serverSentEventsPassThroughAsTheyAreSent() throws Exception {
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(edge.uri("/orders/public/events"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        try (java.io.BufferedReader events = new java.io.BufferedReader(
                new java.io.InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: first", events.readLine());
            FIRST_EVENT_READ.countDown();
            assertEquals("", events.readLine());
            assertEquals("data: first read while the stream was open: true", events.readLine());
        }
    }

    @Test
    void aWebSocketHandshakeIsRefusedClearlyAndOtherUpgradesAreIgnored() throws Exception {
        String raw = rawRequest("GET /orders/public/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade, close\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.contains("\"reason\":\"websocket_not_supported\""), raw);
        String h2c = rawRequest("GET /orders/public/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: h2c\r\n"
                + "Connection: Upgrade, HTTP2-Settings, close\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n");
        assertTrue(h2c.startsWith("HTTP/1.1 200"), h2c);
    }

    @Test
    void aRoutesRulesAtTheEdgeRefuseWhoLacksTheRoleBeforeTheBackendIsCalled() throws Exception {
        for (String spelling : List.of("/shop/orders/admin/users", "/shop/orders/admin", "/shop/orders//admin/users",
                "/shop/orders/admin;x=1/users", "/shop/orders/admin/")) {
            HttpResponse<String> api = send(HttpRequest.newBuilder(edge.uri(spelling)).header("X-Stand-In-Login", "alice")
                    .header("Accept", "application/json"));
            assertEquals(403, api.statusCode(), spelling + " " + api.body());
            assertEquals("insufficient_role", JSONObjectUtils.parse(api.body()).get("reason"), spelling);
        }
        // A browser gets a page it can read.
        HttpResponse<String> page = send(HttpRequest.newBuilder(edge.uri("/shop/orders/admin/users"))
                .header("X-Stand-In-Login", "alice").header("Accept", "text/html"));
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("reason: insufficient_role"), page.body());
        // Whoever holds the role passes; a rule per method leaves reading to everyone.
        assertEquals(200, send(HttpRequest.newBuilder(edge.uri("/shop/orders/admin/users"))
                .header("X-Stand-In-Login", "ada").header("X-Stand-In-Roles", "user admin")).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(edge.uri("/shop/orders/items/1"))
                .header("X-Stand-In-Login", "rita").header("X-Stand-In-Roles", "user")).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(edge.uri("/shop/orders/items/1"))
                .header("X-Stand-In-Login", "rita").header("X-Stand-In-Roles", "user")
                .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(edge.uri("/shop/orders/items/1"))
                .header("X-Stand-In-Login", "wes").header("X-Stand-In-Roles", "user manager")
                .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());
        // HEAD runs GET on a servlet; a method-override header or _method names what the backend may do.
        assertEquals(403, send(HttpRequest.newBuilder(edge.uri("/shop/orders/admin/users"))
                .header("X-Stand-In-Login", "alice").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(edge.uri("/shop/orders/items/1"))
                .header("X-Stand-In-Login", "rita").header("X-Stand-In-Roles", "user")
                .header("X-HTTP-Method-Override", "DELETE")).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(edge.uri("/shop/orders/items/1?_method=delete"))
                .header("X-Stand-In-Login", "rita").header("X-Stand-In-Roles", "user")).statusCode());
    }

    /** The backend's redirect to {@code location}, through the route served at {@code mount}. */
    private HttpResponse<String> movedTo(String mount, String location) throws Exception {
        return send(HttpRequest.newBuilder(edge.uri(mount + "/public/moved?to="
                + java.net.URLEncoder.encode(location, StandardCharsets.UTF_8))));
    }

    private String location(String mount, String location) throws Exception {
        return movedTo(mount, location).headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aBackendServedAtItsOwnPathKeepsItsRedirectsAndItsOwnOriginBecomesTheEdges() throws Exception {
        String backendOrigin = "http://127.0.0.1:" + backend.uri("").getPort();
        assertEquals("/orders/next?a=1", location("/orders", backendOrigin + "/orders/next?a=1"));
        assertEquals("/orders/public/x", location("/orders", "/orders/public/x"));
        assertEquals("/ordersXYZ/a", location("/orders", "/ordersXYZ/a"));
        assertEquals("https://idp.example.test/login", location("/orders", "https://idp.example.test/login"));
        assertEquals("next", location("/orders", "next"));
    }

    @Test
    void aBackendServedElsewhereHasItsRedirectsIntoItselfMovedUnderItsMount() throws Exception {
        String backendOrigin = "http://127.0.0.1:" + backend.uri("").getPort();
        assertEquals("/shop/orders/next?a=1", location("/shop/orders", backendOrigin + "/orders/next?a=1"));
        assertEquals("/shop/orders/public/x", location("/shop/orders", "/orders/public/x"));
        assertEquals("/shop/orders/", location("/shop/orders", "/orders"));
        assertEquals("/ordersXYZ/a", location("/shop/orders", "/ordersXYZ/a"));
        assertEquals("https://idp.example.test/login", location("/shop/orders", "https://idp.example.test/login"));
        assertEquals("next", location("/shop/orders", "next"));
    }

    @Test
    void aBackendsCookiesAreScopedToItsRouteAndItCannotSetTheEdgeSessionCookie() throws Exception {
        // Scoped to the route, no Domain, and never sent by another site's page (SameSite=Lax unless the backend
        // chose).
        assertEquals(List.of("cart=7; Path=/orders/public; HttpOnly; SameSite=Lax",
                "tracker=1; Path=/orders; Secure; SameSite=Lax", "plain=2; Path=/orders; SameSite=Lax"),
                movedTo("/orders", "/orders/").headers().allValues("Set-Cookie"));
        assertEquals(List.of("cart=7; Path=/shop/orders/public; HttpOnly; SameSite=Lax",
                "tracker=1; Path=/shop/orders; Secure; SameSite=Lax", "plain=2; Path=/shop/orders; SameSite=Lax"),
                movedTo("/shop/orders", "/orders/").headers().allValues("Set-Cookie"));
    }

    @Test
    void theMountWithoutASlashGoesToTheBackendAsItIsSoItsOwnRedirectKeepsRelativeLinksInside() throws Exception {
        HttpResponse<String> bare = send(HttpRequest.newBuilder(edge.uri("/orders")).header("X-Stand-In-Login", "alice"));
        // Jetty, as every servlet container, redirects a context root without its slash.
        assertEquals(3, bare.statusCode() / 100, bare.body());
        assertEquals("/orders/", java.net.URI.create(bare.headers().firstValue("Location").orElseThrow()).getPath());
    }

    @Test
    void proxyTrustHeadersFromTheClientNeverReachTheBackendAndTheEdgeSetsItsOwn() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri("/orders/public/headers"))
                .header("X-Real-IP", "10.0.0.1").header("True-Client-IP", "10.0.0.1")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/admin")
                .header("X-Forwarded-Server", "trusted").header("X-Forwarded-Scheme", "https")
                .header("X-Original-URL", "/admin").header("X-Rewrite-URL", "/admin"));
        Map<String, String> seen = lines(response.body());
        assertEquals("127.0.0.1", seen.get("x-real-ip"));
        assertEquals(String.valueOf(edge.uri("").getPort()), seen.get("x-forwarded-port"));
        for (String dropped : List.of("true-client-ip", "x-forwarded-prefix", "x-forwarded-server",
                "x-forwarded-scheme", "x-original-url", "x-rewrite-url")) {
            assertEquals("null", seen.get(dropped), dropped);
        }
    }

    @Test
    void aQueryTheHttpClientCannotSendIsA400ThatNamesNoBackend() throws Exception {
        String raw = rawGet("/orders/public/headers?x=a|b");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.contains("\"reason\":\"bad_target\""), raw);
        assertFalse(raw.contains(String.valueOf(backend.uri("").getPort())), raw);
    }

    @Test
    void aBackendThatStallsMidBodyIsCutOffAtTheResponseTimeout() throws Exception {
        // The client waits far longer than the edge's 1 s timeout: if the edge held on, this would end in the
        // client's own timeout instead of a cut-off answer. The client must see the answer broken, never whole,
        // and the edge must say it cut the body off for the timeout (reason=backend_timeout).
        try (EdgeLog log = EdgeLog.capture()) {
            readTheTrickle();
            // The edge logs once its copy has ended, which may be just after the client saw the cut.
            assertTrue(log.awaitLine(l -> l.contains("edgeauth forward cut off"), 10), log.lines().toString());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("edgeauth forward cut off")
                    && l.contains("reason=backend_timeout")), log.lines().toString());
        }
    }

    /**
     * A backend that sends its headers and then stalls before any byte of its body: nothing has gone to the client,
     * so it gets the edge's 504, not the backend's 200 over an empty body (which it would take for a whole answer).
     */
    @Test
    void aBackendThatStallsBeforeItsBodyIsTheEdges504() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                edge.uri("/orders/public/headers-then-stall")).timeout(Duration.ofSeconds(25)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(504, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"reason\":\"backend_timeout\""), response.body());
    }

    private static void readTheTrickle() throws InterruptedException {
        HttpClient patient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = patient.send(HttpRequest.newBuilder(edge.uri("/orders/public/trickle"))
                    .timeout(Duration.ofSeconds(25)).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("the edge passed the cut-off answer on as whole: " + response.body());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError("the edge kept waiting for the stalled body", e);
        } catch (IOException e) {
            // cut off mid-body, and the client can tell: what the edge must do, and the log line below says why
        }
    }

    private static String rawGet(String target) throws IOException {
        return rawRequest("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} as it is, bytes the JDK's client would not send; the whole answer. */
    private static String rawRequest(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", edge.uri("").getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSessionReusesOneSignedContextUntilHalfItsLifetime() throws Exception {
        String first = lines(send(HttpRequest.newBuilder(edge.uri("/orders/public/headers"))
                .header("X-Stand-In-Login", "alice")).body()).get("context");
        String second = lines(send(HttpRequest.newBuilder(edge.uri("/orders/public/headers"))
                .header("X-Stand-In-Login", "alice")).body()).get("context");
        assertEquals(first, second);
    }

    @Test
    void deadBackendAnswers502() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri("/nothing/x"))
                .header("X-Stand-In-Login", "alice"));
        assertEquals(502, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("backend_unavailable", JSONObjectUtils.parse(response.body()).get("reason"));
    }

    @Test
    void slowBackendAnswers504WithinTheTimeout() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri("/orders/slow")));
        assertEquals(504, response.statusCode());
        assertEquals("backend_timeout", JSONObjectUtils.parse(response.body()).get("reason"));
    }

    @Test
    void pathsOfNoRouteAnswer404AndClimbingOutNeverReachesTheBackend() throws Exception {
        assertEquals(404, send(HttpRequest.newBuilder(edge.uri("/nowhere/x"))).statusCode());
        // A mount spelt with percent-encoding is never taken for the route.
        assertEquals(400, send(HttpRequest.newBuilder(edge.uri("/%6Frders/public/headers"))).statusCode());
        // LoopbackJetty itself refuses some ambiguous paths (400); the edge's screening refuses the rest as
        // bad_target, before any route is chosen.
        for (String climb : List.of("/orders/%2e%2e/admin", "/orders/..;/admin", "/orders/x/..%2F..%2Fadmin",
                "/orders/.%2e;x/admin")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(edge.uri(climb)).header("X-Stand-In-Login", "alice"));
            assertEquals(400, response.statusCode(), climb);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Stands in for the edge's own POST-only endpoints (back-channel logout): a plain HttpServlet with doPost. */
    static final class PostOnly extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(400);
        }
    }

    /**
     * Stands in for the login stage: {@code X-Stand-In-Login: <name>} signs that person in, in a session (roles user,
     * orders-reader and orders-writer, or those of {@code X-Stand-In-Roles}), {@code X-Stand-In-Groups: <n>} adds n
     * directory groups.
     */
    static final class StandInLogin implements Filter {
        @Override
        public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res,
                             jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            String who = request.getHeader("X-Stand-In-Login");
            if (who != null) {
                request.getSession(true);
                Set<String> roles = new java.util.TreeSet<>(Set.of("user", "orders-reader", "orders-writer"));
                String only = request.getHeader("X-Stand-In-Roles");
                if (only != null) {
                    roles = new java.util.TreeSet<>(List.of(only.split(" ")));
                }
                String groups = request.getHeader("X-Stand-In-Groups");
                for (int i = 0; groups != null && i < Integer.parseInt(groups); i++) {
                    // As Active Directory names groups, when a provider sends them all.
                    roles.add("CN=Group " + i + ",OU=Groups,DC=corp,DC=example,DC=com");
                }
                request.setAttribute(UserContext.REQUEST_ATTRIBUTE, UserContext.builder().subject(who)
                        .roles(roles).build());
            }
            chain.doFilter(req, res);
        }
    }

    /** The backend: tells what arrived. {@code /slow} waits until the test ends. */
    public static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if ("/public/moved".equals(req.getPathInfo())) {
                // As a legacy WAR answers: a redirect in its own URL space, and cookies for its own paths.
                resp.setStatus(302);
                resp.setHeader("Location", req.getParameter("to"));
                resp.addHeader("Set-Cookie", "cart=7; Path=/orders/public; HttpOnly");
                resp.addHeader("Set-Cookie", "JSESSIONID=backend-session; Path=/orders");
                // What a hostile or careless backend sends: a name browsers trim to the edge's session cookie,
                // a cookie for every path of the edge, one for a whole domain, and one without a path.
                resp.addHeader("Set-Cookie", "JSESSIONID =evil; Path=/");
                resp.addHeader("Set-Cookie", "edgeauth-session=evil; Path=/");
                resp.addHeader("Set-Cookie", "__Host-edgeauth-session=evil; Path=/; Secure");
                resp.addHeader("Set-Cookie", "tracker=1; Path=/; Domain=127.0.0.1; Secure");
                resp.addHeader("Set-Cookie", "plain=2");
                return;
            }
            if ("/public/events".equals(req.getPathInfo())) {
                // Server-Sent Events: the second event only once the client has read the first, and saying whether
                // it did (a proxy that buffers holds the first until the stream ends: the client never reads it).
                resp.setContentType("text/event-stream");
                resp.getOutputStream().write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
                boolean read;
                try {
                    read = FIRST_EVENT_READ.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    read = false;
                }
                resp.getOutputStream().write(("data: first read while the stream was open: " + read + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if ("/public/headers-then-stall".equals(req.getPathInfo())) {
                resp.setContentType("text/plain");
                resp.flushBuffer(); // the status and headers, no byte of the body
                try {
                    RELEASE_SLOW.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if ("/public/trickle".equals(req.getPathInfo())) {
                // Headers at once, then the body stalls until the test ends.
                resp.setContentType("text/plain");
                resp.getOutputStream().write("first part\n".getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
                try {
                    RELEASE_SLOW.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (req.getPathInfo() != null && req.getPathInfo().equals("/slow")) {
                try {
                    RELEASE_SLOW.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if ("/public/upload-outcome".equals(req.getPathInfo())) {
                try {
                    UPLOAD_OUTCOMES.add("whole " + req.getInputStream().readAllBytes().length);
                } catch (IOException e) {
                    UPLOAD_OUTCOMES.add("broken");
                    throw e;
                }
                return;
            }
            if ("/public/no-read".equals(req.getPathInfo())) {
                // A backend that stops reading what it is sent: overloaded, hung, or answering on its own time.
                try {
                    releaseNoRead.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if ("/public/upload".equals(req.getPathInfo())) {
                long read = 0;
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = req.getInputStream().read(buffer)) >= 0; ) {
                    read += n;
                    if (read >= UPLOAD_SENT - (1 << 20)) {
                        UPLOAD_READ.countDown();
                    }
                }
                return;
            }
            byte[] body = req.getInputStream().readAllBytes();
            StringBuilder out = new StringBuilder();
            out.append("subject=").append(UserContext.current(req).subject()).append('\n');
            out.append("method=").append(req.getMethod()).append('\n');
            out.append("uri=").append(req.getRequestURI()).append('\n');
            out.append("query=").append(req.getQueryString()).append('\n');
            out.append("length=").append(body.length).append('\n');
            try {
                out.append("sha256=").append(sha256(body)).append('\n');
            } catch (Exception e) {
                throw new IOException(e);
            }
            for (String name : new String[] {"x-forwarded-for", "x-forwarded-proto", "x-request-id", "x-forwarded-user",
                    "x-remote-user", "cookie", "x-real-ip", "x-forwarded-port", "true-client-ip", "x-forwarded-prefix",
                    "x-forwarded-server", "x-forwarded-scheme", "x-original-url", "x-rewrite-url"}) {
                out.append(name).append('=').append(req.getHeader(name)).append('\n');
            }
            out.append("context=").append(req.getHeader("X-User-Context")).append('\n');
            out.append("headers=").append(Collections.list(req.getHeaderNames())).append('\n');
            resp.setContentType("text/plain");
            resp.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
