package io.github.edgeauth.it;

import io.github.edgeauth.testkit.HaProxy;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production topology of {@code docs/operations.md}: HAProxy, configured exactly as the page shows (addresses
 * and certificate swapped for loopback ones), ends TLS in front of two edge nodes in one Payara data grid, round
 * robin and without sticky sessions; the nodes run as in production (not development mode, the same signing key).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutBehindHaProxyIT {
    static Path dir;
    static MockOAuth2Server provider;
    static String issuer;
    static final int[] NODE_PORTS = new int[2];
    static final int[] GRID_PORTS = new int[2];
    static final PayaraMicro[] NODES = new PayaraMicro[2];
    static HaProxy balancer;
    static String publicUrl;

    @BeforeAll
    static void startTwoEdgesBehindTheBalancer() throws Exception {
        HaProxy.assumeInstalled();
        dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("scale-out").toAbsolutePath();
        provider = MockProvider.inThisJvm(MockProvider.recordingConfig(), 0);
        issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        for (int i = 0; i < 2; i++) {
            NODE_PORTS[i] = Ports.free();
            GRID_PORTS[i] = Ports.free();
        }
        int balancerPort = Ports.free();
        publicUrl = "https://localhost:" + balancerPort;
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> startNode(0)),
                CompletableFuture.runAsync(() -> startNode(1))).join();
        // docs/operations.md's configuration, its addresses and certificate made loopback ones.
        String config = HaProxy.documentedConfig(Path.of(System.getProperty("edgeauth.docs.dir", "../../docs")),
                dir.resolve("haproxy"), balancerPort, List.of(NODE_PORTS[0], NODE_PORTS[1]));
        balancer = HaProxy.start(dir.resolve("haproxy"), config, balancerPort, Duration.ofSeconds(30));
        awaitTheBalancer(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (balancer != null) {
            balancer.close();
        }
        for (PayaraMicro node : NODES) {
            if (node != null) {
                node.close();
            }
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    @Order(1)
    void aSignInWhoseStepsTheBalancerSpreadsWorksAndEveryNodeKnowsTheSession() throws Exception {
        Http person = new Http(balancer.trustingItsCertificate());
        person.login(URI.create(publicUrl + "/"), "nina", "{}");
        for (int i = 0; i < 6; i++) { // round robin: both nodes answer in turn
            assertEquals(200, me(person).statusCode());
        }
        String session = person.cookieHeader();
        for (int node = 0; node < 2; node++) {
            assertEquals(200, awaitStatusAtNode(node, session, 200, Duration.ofSeconds(30)), "node " + node);
        }
    }

    @Test
    @Order(2)
    void aNodeKilledUnderLoadAsksNobodyToSignInAgainAndServesTheSameSessionOnceBack() throws Exception {
        Http person = new Http(balancer.trustingItsCertificate());
        person.login(URI.create(publicUrl + "/"), "kim", "{}");
        // Four requests at a time, so some are in flight on the node when it dies.
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicLong killedAt = new java.util.concurrent.atomic.AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(callers.submit(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    String answer;
                    try {
                        answer = String.valueOf(me(person).statusCode());
                    } catch (IOException cutOff) {
                        answer = "cut off";
                    } catch (Exception e) {
                        answer = e.getClass().getSimpleName();
                    }
                    long killed = killedAt.get();
                    answers.add((killed == 0 || sent < killed ? "before" : (sent - killed) / 1_000_000 + " ms after")
                            + ": " + answer);
                }
                return null;
            }));
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)); // the load runs for a while before the crash
        killedAt.set(System.nanoTime());
        NODES[0].kill(); // a crash: no shutdown, requests in flight cut off
        for (java.util.concurrent.Future<?> caller : running) {
            caller.get();
        }
        callers.shutdown();
        // No answer ever asks for a sign-in; a failure is a request in flight on the killed node, before the
        // balancer's check took it out (two missed checks a second apart).
        List<String> failures = answers.stream().filter(a -> !a.endsWith(": 200")).toList();
        assertTrue(failures.stream().noneMatch(a -> a.endsWith("401") || a.endsWith("302")), failures.toString());
        // A request sent before the crash that failed was in flight on the node: the balancer's 502 or 503, or cut off.
        assertTrue(failures.stream().allMatch(a -> a.startsWith("before")
                ? a.endsWith("cut off") || a.endsWith("502") || a.endsWith("503") : msAfter(a) < 3_000), failures.toString());
        assertTrue(answers.stream().filter(a -> a.endsWith(": 200") && !a.startsWith("before")).count() > 50,
                answers.toString());

        startNode(0); // the same node again, joining the grid
        String session = person.cookieHeader();
        assertEquals(200, awaitStatusAtNode(0, session, 200, Duration.ofSeconds(60)), "the restarted node");
        awaitTheBalancer(Duration.ofMinutes(1));
        for (int i = 0; i < 6; i++) {
            assertEquals(200, me(person).statusCode());
        }
    }

    @Test
    @Order(3)
    void aSignOutThroughTheBalancerEndsTheSessionOnEveryNodeWithinASecond() throws Exception {
        Http person = new Http(balancer.trustingItsCertificate());
        person.login(URI.create(publicUrl + "/"), "olga", "{}");
        String session = person.cookieHeader();
        for (int node = 0; node < 2; node++) { // both nodes hold a copy of the session before the sign-out
            assertEquals(200, awaitStatusAtNode(node, session, 200, Duration.ofSeconds(30)), "node " + node);
        }
        HttpResponse<String> out = person.postForm(URI.create(publicUrl + "/logout"), Map.of(), "Origin", publicUrl);
        assertEquals(303, out.statusCode(), out.body());
        for (int node = 0; node < 2; node++) {
            assertEquals(401, awaitStatusAtNode(node, session, 401, Duration.ofSeconds(1)), "node " + node);
        }
    }

    @Test
    @Order(4)
    void aBackChannelLogoutPostedToTheBalancerEndsTheSessionOnEveryNodeWithinASecond() throws Exception {
        Http person = new Http(balancer.trustingItsCertificate());
        // The provider's logout token (mock-provider.json) names this subject and provider session.
        person.login(URI.create(publicUrl + "/"), "frank", "{\"sid\":\"it-provider-session\"}");
        String session = person.cookieHeader();
        HttpResponse<String> token = new Http().postForm(URI.create(issuer + "/token"),
                Map.of("grant_type", "client_credentials", "scope", "backchannel-logout"),
                "Authorization", "Basic " + Base64.getEncoder().encodeToString("idp:secret".getBytes()));
        HttpResponse<String> logout = new Http(balancer.trustingItsCertificate()).postForm(
                URI.create(publicUrl + "/backchannel-logout"), Map.of("logout_token", (String) Http.json(token).get("access_token")));
        assertEquals(200, logout.statusCode(), logout.body());
        for (int node = 0; node < 2; node++) {
            assertEquals(401, awaitStatusAtNode(node, session, 401, Duration.ofSeconds(1)), "node " + node);
        }
    }

    /** Starts node {@code i} (0 or 1) on its port, in the grid of both, as in production. */
    private static void startNode(int i) {
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        Path key = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pem").toAbsolutePath();
        Map<String, String> env = Map.of("EDGEAUTH_EDGE_ISSUER", issuer, "EDGEAUTH_EDGE_CLIENT_ID", "edge",
                "EDGEAUTH_EDGE_CLIENT_SECRET", "edge-secret", "EDGEAUTH_EDGE_SIGNING_KEY", key.toString(),
                "EDGEAUTH_EDGE_PUBLIC_URL", publicUrl);
        List<String> grid = List.of("--clustermode", "tcpip:127.0.0.1:" + GRID_PORTS[0] + ",127.0.0.1:" + GRID_PORTS[1],
                "--interfaces", "127.0.0.1", "--startport", String.valueOf(GRID_PORTS[i]),
                "--clustername", "edgeauth-scale-out-" + GRID_PORTS[0]);
        try {
            NODES[i] = PayaraMicro.start("edge-" + (i + 1), demo.resolve("payara-micro.jar"), demo.resolve("edge-war.war"),
                    "/", NODE_PORTS[i], dir, env, List.of(), grid);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        NODES[i].awaitReady("/.well-known/edgeauth/jwks.json", Duration.ofMinutes(4));
    }

    private HttpResponse<String> me(Http person) throws Exception {
        return person.get(URI.create(publicUrl + "/me"), "Accept", "application/json");
    }

    /**
     * Polls node {@code i} itself, with the browser's cookies ({@code session}, as sent to the balancer), until it
     * answers {@code wanted} or the time is up.
     */
    private static int awaitStatusAtNode(int i, String session, int wanted, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        int status;
        do {
            status = new Http().get(NODES[i].uri("/me"), "Accept", "application/json",
                    "Cookie", session).statusCode();
        } while (status != wanted && System.nanoTime() < end && parked());
        return status;
    }

    /** Until the whole path answers: four requests in a row through the balancer reach a node that answers. */
    private static void awaitTheBalancer(Duration within) throws Exception {
        Http anonymous = new Http(balancer.trustingItsCertificate());
        long end = System.nanoTime() + within.toNanos();
        int inARow = 0;
        while (inARow < 4) {
            int status = anonymous.get(URI.create(publicUrl + "/.well-known/edgeauth/jwks.json")).statusCode();
            inARow = status == 200 ? inARow + 1 : 0;
            assertTrue(System.nanoTime() < end, "the balancer did not reach both nodes within " + within);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    private static boolean parked() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        return true;
    }

    private static long msAfter(String answer) {
        return Long.parseLong(answer.substring(0, answer.indexOf(" ms after")));
    }
}
