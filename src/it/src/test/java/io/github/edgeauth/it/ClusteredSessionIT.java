package io.github.edgeauth.it;

import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two edge instances in one Payara data grid (TCP/IP discovery on 127.0.0.1 only): a session started at
 * one is served, pac4j profile and all, by the other, since the edge keeps its sessions in the grid's JCache; and
 * a back-channel logout posted to one ends the session at the other.
 */
class ClusteredSessionIT {
    static MockOAuth2Server provider;
    static String issuer;
    static PayaraMicro first;
    static PayaraMicro second;

    @BeforeAll
    static void start() throws Exception {
        provider = MockProvider.inThisJvm(MockProvider.recordingConfig(), 0);
        issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("cluster");
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        int gridPort = Ports.free();
        List<String> grid = PayaraMicro.LoopbackLaunch.dataGrid(gridPort, "edgeauth-it-" + gridPort);
        // Every node of a cluster signs with the same key; development mode only for the plain-http cookie.
        Path key = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pem").toAbsolutePath();
        Map<String, String> env = Map.of("EDGEAUTH_EDGE_ISSUER", issuer, "EDGEAUTH_EDGE_CLIENT_ID", "edge",
                "EDGEAUTH_EDGE_CLIENT_SECRET", "edge-secret", "EDGEAUTH_EDGE_SIGNING_KEY", key.toString(),
                "EDGEAUTH_EDGE_DEVELOPMENT", "true");
        first = PayaraMicro.start("edge-1", demo.resolve("payara-micro.jar"), demo.resolve("edge-war.war"), "/",
                Ports.free(), dir, env, List.of(), grid);
        second = PayaraMicro.start("edge-2", demo.resolve("payara-micro.jar"), demo.resolve("edge-war.war"), "/",
                Ports.free(), dir, env, List.of(), grid);
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> first.awaitReady("/.well-known/edgeauth/jwks.json", Duration.ofMinutes(4))),
                CompletableFuture.runAsync(() -> second.awaitReady("/.well-known/edgeauth/jwks.json", Duration.ofMinutes(4))))
                .join();
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void aSessionStartedAtOneEdgeIsKnownAtTheOther() throws Exception {
        Http person = new Http();
        person.login(first.uri("/"), "ivan", "{\"email\":\"ivan@example.test\"}");
        assertTrue(person.get(first.uri("/me")).body().contains("\"subject\":\"ivan\""));

        // The same session cookie at the other instance (cookies are per host, not per port). The grid may
        // take a moment to see the session: poll, with a deadline.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> there = person.get(second.uri("/me"), "Accept", "application/json");
        while (there.statusCode() != 200 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            there = person.get(second.uri("/me"), "Accept", "application/json");
        }
        assertEquals(200, there.statusCode(), there.body());
        assertTrue(there.body().contains("\"subject\":\"ivan\""), there.body());
        assertTrue(there.body().contains("ivan@example.test"), there.body());
    }

    @Test
    void aBackChannelLogoutPostedToOneEdgeEndsTheSessionAtTheOther() throws Exception {
        Http person = new Http();
        // The provider's logout token (mock-provider.json) names this subject and provider session.
        person.login(first.uri("/"), "frank", "{\"sid\":\"it-provider-session\"}");
        assertEquals(200, person.get(first.uri("/me"), "Accept", "application/json").statusCode());

        HttpResponse<String> token = new Http().postForm(java.net.URI.create(issuer + "/token"),
                Map.of("grant_type", "client_credentials", "scope", "backchannel-logout"),
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("idp:secret".getBytes()));
        String logoutToken = (String) Http.json(token).get("access_token");
        HttpResponse<String> logout = new Http().postForm(second.uri("/backchannel-logout"),
                Map.of("logout_token", logoutToken));
        assertEquals(200, logout.statusCode(), logout.body());

        // Each node reads a session it serves from the grid again at least every half second.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(1).toNanos();
        HttpResponse<String> after;
        do {
            after = person.get(first.uri("/me"), "Accept", "application/json");
        } while (after.statusCode() == 200 && System.nanoTime() < deadline);
        assertEquals(401, after.statusCode(), "the first edge still knew the user a second later: " + after.body());

        // The same logout token replayed at the other node: its jti is in the cluster's cache, not one node's.
        HttpResponse<String> replayed = new Http().postForm(first.uri("/backchannel-logout"),
                Map.of("logout_token", logoutToken));
        assertEquals(400, replayed.statusCode(), replayed.body());
        assertEquals("replayed", Http.json(replayed).get("reason"), replayed.body());
    }
}
