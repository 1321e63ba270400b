package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.Jetty;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.LoopbackJetty;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sign-in in progress lives in the browser, not in the edge: anonymous page views make no server session,
 * the sign-in's cookie is small, short-lived, sent only to the callback and worth nothing altered or made
 * under another key.
 */
class PendingSignInTest {
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static MockOAuth2Server idp;
    private static LoopbackJetty edge;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        // The mock provider makes its keys on first use, slower than the edge's 2 s probe: warm it up first.
        URI discovery = URI.create("http://127.0.0.1:" + idp.baseUrl().port() + "/idp/.well-known/openid-configuration");
        assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(discovery)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        int port = LoopbackJetty.freePort();
        Map<String, String> settings = Map.of("edgeauth.edge.issuer", "http://127.0.0.1:" + idp.baseUrl().port() + "/idp",
                "edgeauth.edge.client-id", "edge", "edgeauth.edge.client-secret", "edge-secret",
                "edgeauth.edge.public-url", "http://127.0.0.1:" + port);
        edge = Jetty.edge(Settings.of(settings, Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")), port, Clock.systemUTC())
                .listener(new HttpSessionListener() {
                    @Override
                    public void sessionCreated(HttpSessionEvent event) {
                        SESSIONS.incrementAndGet();
                    }
                })
                .servlet(new SignInTest.Home(), "/").start();
    }

    @AfterAll
    static void stop() {
        edge.close();
        idp.shutdown();
    }

    private static HttpResponse<String> navigate(HttpClient client, URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", SignInTest.NAVIGATION_ACCEPT)
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void anonymousPageViewsWithLongQueriesMakeNoServerSessionAndASmallCookie() throws Exception {
        int before = SESSIONS.get();
        String query = "q=" + "x".repeat(6 * 1024);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> start = navigate(HttpClient.newHttpClient(), edge.uri("/page-" + i + "?" + query));
            assertEquals(302, start.statusCode());
            List<String> cookies = start.headers().allValues("Set-Cookie");
            assertEquals(1, cookies.size(), cookies.toString());
            String cookie = cookies.get(0);
            assertTrue(cookie.startsWith("edgeauth-login="), cookie);
            assertTrue(cookie.length() < 1500, "the cookie grew with the query: " + cookie.length());
            assertTrue(cookie.contains("; Path=/callback;") && cookie.contains("; Max-Age=600;")
                    && cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax"), cookie);
            assertEquals("no-store", start.headers().firstValue("Cache-Control").orElse(""), "a shared cache could hand it on");
        }
        assertEquals(before, SESSIONS.get(), "anonymous page views made server sessions");
    }

    @Test
    void theSignInCompletesFromTheCookieReturnsToThePathAndEndsTheCookie() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> start = navigate(browser, edge.uri("/orders/list?page=2"));
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("idp", "alice", "JWT", List.of("edge"), Map.of(), 300));
        HttpResponse<String> back = navigate(browser, location(navigate(browser, location(start))));
        assertEquals(302, back.statusCode(), back.body());
        assertEquals(edge.uri("/orders/list?page=2"), location(back));
        assertTrue(back.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("edgeauth-login=;")
                && c.contains("Max-Age=0")), back.headers().allValues("Set-Cookie").toString());
        assertTrue(navigate(browser, edge.uri("/")).body().contains("subject=alice"));
    }

    @Test
    void aReturnPathTooLongForTheCookieReturnsWithoutItsQuery() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> start = navigate(browser, edge.uri("/report?" + "q=" + "y".repeat(3000)));
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("idp", "bob", "JWT", List.of("edge"), Map.of(), 300));
        HttpResponse<String> back = navigate(browser, location(navigate(browser, location(start))));
        assertEquals(edge.uri("/report"), location(back));
    }

    @Test
    void anAlteredOrForeignCookieIsNoSignInInProgress() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> start = navigate(browser, edge.uri("/"));
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String value = cookie.substring(cookie.indexOf('=') + 1);
        URI callback = location(navigate(browser, location(start)));
        // Made under another key (another edge, or a visitor's own), and one with a flipped byte.
        PendingSignInCookie foreign = PendingSignInCookie.derivedFrom(
                new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate(), "", Clock.systemUTC());
        String forged = foreign.seal(PendingSignIn.NONE.withState(stateOf(callback)));
        // One character in the middle of the ciphertext (the last of a part may carry only unused bits).
        String[] parts = value.split("\\.");
        int at = parts[3].length() / 2;
        parts[3] = parts[3].substring(0, at) + (parts[3].charAt(at) == 'A' ? 'B' : 'A') + parts[3].substring(at + 1);
        String flipped = String.join(".", parts);
        for (String attempt : List.of(forged, flipped)) {
            HttpResponse<String> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback)
                    .header("Cookie", "edgeauth-login=" + attempt).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, back.statusCode(), back.body());
            assertTrue(back.body().contains("login_failed"), back.body());
        }
        // The genuine cookie still signs in.
        HttpResponse<String> genuine = HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback)
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, genuine.statusCode(), genuine.body());
        assertFalse(genuine.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void anExpiredCookieIsNoSignInInProgress() {
        java.time.Instant then = java.time.Instant.now().minus(PendingSignInCookie.LIFETIME).minusSeconds(1);
        com.nimbusds.jose.jwk.JWK key;
        try {
            key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
        String old = PendingSignInCookie.derivedFrom(key, "", Clock.fixed(then, java.time.ZoneOffset.UTC))
                .seal(PendingSignIn.NONE.withState("s"));
        assertTrue(PendingSignInCookie.derivedFrom(key, "", Clock.systemUTC()).open(old).isEmpty());
        assertEquals("s", PendingSignInCookie.derivedFrom(key, "", Clock.fixed(then, java.time.ZoneOffset.UTC))
                .open(old).flatMap(PendingSignIn::state).orElseThrow());
    }

    @Test
    void onHttpsOnlyAHostPrefixedCookieIsTakenSoNoSiblingOrPlainHttpPageCanPlantASignIn() throws Exception {
        int port = LoopbackJetty.freePort();
        Map<String, String> settings = Map.of("edgeauth.edge.issuer", "http://127.0.0.1:" + idp.baseUrl().port() + "/idp",
                "edgeauth.edge.client-id", "edge", "edgeauth.edge.client-secret", "edge-secret",
                "edgeauth.edge.public-url", "https://localhost:" + port);
        try (LoopbackJetty secure = Jetty.edge(Settings.of(settings, Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")), port,
                Clock.systemUTC()).servlet(new SignInTest.Home(), "/").start()) {
            HttpResponse<String> start = navigate(HttpClient.newHttpClient(), secure.uri("/"));
            String cookie = start.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("__Host-edgeauth-login=") && cookie.contains("; Path=/;")
                    && cookie.contains("; Secure"), cookie);
            String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            idp.enqueueCallback(new DefaultOAuth2TokenCallback("idp", "mallory", "JWT", List.of("edge"), Map.of(), 300));
            URI atTls = location(navigate(browser(), location(start)));
            // The proxy in front would take https://localhost:P/callback to this plain listener.
            URI callback = secure.uri("/callback?" + atTls.getRawQuery());
            // What a sibling subdomain (Domain=) or a plain-http page could set: never the __Host- name.
            for (String planted : List.of("edgeauth-login=" + value, "__Secure-edgeauth-login=" + value)) {
                HttpResponse<String> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback)
                        .header("Cookie", planted).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, back.statusCode(), planted + ": " + back.body());
            }
            HttpResponse<String> genuine = HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback)
                    .header("Cookie", "__Host-edgeauth-login=" + value).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, genuine.statusCode(), genuine.body());
        }
    }

    @Test
    void aLogoutAtTheCallbackIsRefusedNotTakenAsAPac4jLogout() throws Exception {
        for (String query : List.of("sid=victim-provider-session", "logout_token=x.y.z")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    edge.uri("/callback?" + query)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), query);
            assertTrue(answer.body().contains("login_failed"), answer.body());
        }
    }

    private static String stateOf(URI callback) {
        for (String pair : callback.getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return java.net.URLDecoder.decode(pair.substring(6), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + callback);
    }
}
