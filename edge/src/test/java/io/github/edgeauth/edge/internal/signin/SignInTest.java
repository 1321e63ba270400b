package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.EdgeLog;
import io.github.edgeauth.edge.Jetty;
import io.github.edgeauth.edge.LowerFindingsTest;
import io.github.edgeauth.edge.internal.forwarding.EdgeForwardingTest;
import io.github.edgeauth.edge.internal.signout.BackchannelSignOutServlet;
import io.github.edgeauth.edge.internal.session.EdgeSession;
import io.github.edgeauth.edge.internal.session.EdgeSessions;
import io.github.edgeauth.edge.internal.web.EdgePaths;
import io.github.edgeauth.core.testing.LoopbackJetty;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.MutableClock;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import com.nimbusds.oauth2.sdk.TokenRequest;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The login against a real OIDC server (mock-oauth2-server in this JVM, on loopback): code flow with PKCE,
 * state and nonce through pac4j, refresh ahead of expiry, logout, bearer clients.
 */
public class SignInTest {
    private static final String ISSUER_ID = "default";
    private static final String CLIENT_ID = "edge";
    /** The audience the provider puts in access tokens for API clients of the edge. */
    private static final String API_AUDIENCE = "edge-api";

    private static MockOAuth2Server idp;
    private static String issuer;
    private static LoopbackJetty edge;
    private static LoopbackJetty backend;
    private static final MutableClock CLOCK = new MutableClock();

    private HttpClient browser;
    /** What a browser's address bar sends as {@code Accept}. */
    public static final String NAVIGATION_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = "http://127.0.0.1:" + idp.baseUrl().port() + "/" + ISSUER_ID;

        backend = new LoopbackJetty("/orders", 0).servlet(new EdgeForwardingTest.Echo(), "/*").start();
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.edge.issuer", issuer);
        settings.put("edgeauth.edge.client-id", CLIENT_ID);
        settings.put("edgeauth.edge.client-secret", "edge-secret");
        settings.put("edgeauth.edge.route.orders", backend.uri("").toString());
        settings.put("edgeauth.edge.bearer-audience", API_AUDIENCE);
        settings.put("edgeauth.edge.public-paths", "/health /orders/open/*");
        edge = startEdge(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        backend.close();
        idp.shutdown();
    }

    /** An edge of its own for a test that changes its provider or settings; the caller closes it. */
    private static LoopbackJetty startEdge(Map<String, String> settings) throws Exception {
        // Configured as a team would: the URL browsers use, never one a request's Host suggests.
        int port = LoopbackJetty.freePort();
        Map<String, String> withOrigin = new HashMap<>(settings);
        withOrigin.putIfAbsent("edgeauth.edge.public-url", "http://127.0.0.1:" + port);
        return Jetty.edge(Settings.of(withOrigin, Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")), port, CLOCK)
                .servlet(new Home(), "/").start();
    }

    @BeforeEach
    void newBrowser() {
        CLOCK.reset();
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        drainRecordedRequests();
    }

    @AfterEach
    void noLeftovers() {
        drainRecordedRequests();
    }

    /** A GET as a browser's page navigation sends it, unless {@code headers} say otherwise. */
    private HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (java.util.Arrays.stream(headers).noneMatch(h -> h.equalsIgnoreCase("Accept"))) {
            request.header("Accept", NAVIGATION_ACCEPT);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientsHostNeverShapesTheRedirectUriTheReturnUrlOrWhatBackendsAreTold() throws Exception {
        String publicUrl = "http://127.0.0.1:" + edge.uri("").getPort();
        String start;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", edge.uri("").getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /orders/public/headers?x=1 HTTP/1.1\r\nHost: evil.example:8080\r\n"
                    + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            start = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertTrue(start.startsWith("HTTP/1.1 302"), start);
        String location = start.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                .orElseThrow().substring(9).trim();
        assertEquals(publicUrl + EdgePaths.CALLBACK, query(URI.create(location)).get("redirect_uri"));
        assertFalse(start.contains("evil.example"), start);

        // The sign-in started under the evil Host completes, and the browser returns to the public origin.
        String cookies = String.join("; ", start.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                .map(l -> l.substring(11).trim().split(";")[0]).toList());
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of(CLIENT_ID), Map.of(), 300));
        URI callback = location(get(URI.create(location)));
        HttpResponse<String> back = get(callback, "Cookie", cookies);
        assertEquals(302, back.statusCode(), back.body());
        assertEquals(publicUrl + "/orders/public/headers?x=1", location(back).toString());
    }

    @Test
    void onlyAPageNavigationIsSentToSignInAnythingElseWithoutASessionGets401() throws Exception {
        // What a page's fetch() sends: the browser would fail on CORS at the provider after a redirect.
        HttpResponse<String> fetch = get(edge.uri("/orders/items"), "Accept", "*/*", "Sec-Fetch-Mode", "cors");
        assertEquals(401, fetch.statusCode());
        assertEquals("missing_credentials", JSONObjectUtils.parse(fetch.body()).get("reason"));
        assertEquals(401, get(edge.uri("/orders/items"), "Accept", "*/*").statusCode());
        assertEquals(401, get(edge.uri("/"), "Accept", "text/html", "X-Requested-With", "XMLHttpRequest").statusCode());
        assertEquals(401, get(edge.uri("/"), "Accept", "text/html", "Sec-Fetch-Mode", "no-cors").statusCode());
        assertEquals(401, browser.send(HttpRequest.newBuilder(edge.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "no Accept at all");
        assertEquals(302, get(edge.uri("/"), "Accept", "text/html", "Sec-Fetch-Mode", "navigate").statusCode());
        assertEquals(302, get(edge.uri("/")).statusCode());
    }

    @Test
    void backendsAreToldThePublicOriginWhateverHostTheClientSent() throws Exception {
        login("alice", 300);
        HttpResponse<String> seen = get(edge.uri("/orders/public/headers"));
        assertEquals(200, seen.statusCode(), seen.body());
        String body = seen.body();
        assertTrue(body.contains("x-forwarded-proto=http\n"), body);
        assertTrue(body.contains("x-forwarded-port=" + edge.uri("").getPort() + "\n"), body);
    }

    private static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no redirect, status " + response.statusCode())));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Logs {@code subject} in with access tokens living {@code seconds}; returns the provider's authorize URL. */
    private URI login(String subject, long seconds) throws Exception {
        HttpResponse<String> start = get(edge.uri("/"));
        assertEquals(302, start.statusCode());
        URI authorize = location(start);
        // Exactly the URI a team registers at a provider that matches redirect URIs to the letter.
        assertEquals(edge.uri(EdgePaths.CALLBACK).toString(), query(authorize).get("redirect_uri"));
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID),
                Map.of("roles", List.of("admin", "user"), "email", subject + "@example.test"), seconds));
        HttpResponse<String> atProvider = get(authorize);
        URI callback = location(atProvider);
        HttpResponse<String> back = get(callback);
        assertEquals(302, back.statusCode(), back.body());
        assertEquals(edge.uri("/").getPath(), location(back).getPath());
        return authorize;
    }

    @Test
    void aSignedInBrowserHoldsOnlyTheEdgesSessionCookieAndItsRequestsSetNone() throws Exception {
        login("alice", 3600);
        HttpResponse<String> api = get(edge.uri("/orders/items"));
        assertEquals(200, api.statusCode(), api.body());
        assertEquals(List.of(), api.headers().allValues("Set-Cookie"), "a request of a session rewrote a cookie");
        List<java.net.HttpCookie> cookies = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
                .getCookies();
        assertEquals(List.of("edgeauth-session"), cookies.stream().map(java.net.HttpCookie::getName).toList(),
                "no container session (JSESSIONID), no sign-in cookie left: " + cookies);
        assertTrue(cookies.get(0).isHttpOnly(), cookies.toString());
        assertTrue(cookies.get(0).getValue().matches("[A-Za-z0-9_-]{43}"), "a 256-bit random id");
    }

    /** Logs {@code subject} in with an ID token naming the provider session {@code sid}; checks the session works. */
    private void loginInProviderSession(String subject, String sid) throws Exception {
        HttpResponse<String> start = get(edge.uri("/"));
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID),
                Map.of("sid", sid), 3600));
        get(location(get(location(get(location(start))))));
        assertEquals(200, get(edge.uri("/orders/items")).statusCode());
    }

    /** The token the provider issues for the callback enqueued last, from its token endpoint (so its issuer is exact). */
    private String tokenFromProvider() throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "idp:secret".getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
    }

    private List<RecordedRequest> drainRecordedRequests() {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            try {
                requests.add(idp.takeRequest(1, TimeUnit.MILLISECONDS));
            } catch (RuntimeException noMoreRecorded) {
                return requests;
            }
        }
    }

    private long tokenRequests(String grantType) {
        return drainRecordedRequests().stream()
                .filter(r -> r.getPath() != null && r.getPath().endsWith("/token"))
                .filter(r -> r.getBody().clone().readUtf8().contains("grant_type=" + grantType))
                .count();
    }

    @Test
    void browserLoginUsesCodeFlowWithPkceStateAndNonceAndLandsLoggedIn() throws Exception {
        URI authorize = login("alice", 3600);
        Map<String, String> params = query(authorize);
        assertEquals("code", params.get("response_type"));
        assertEquals("S256", params.get("code_challenge_method"));
        assertTrue(params.containsKey("code_challenge") && params.containsKey("state") && params.containsKey("nonce"));
        assertTrue(params.get("scope").contains("openid"));

        HttpResponse<String> home = get(edge.uri("/"));
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("subject=alice"), home.body());
        assertTrue(home.body().contains("roles=[admin, user]") || home.body().contains("roles=[user, admin]"),
                home.body());
    }

    @Test
    void aTamperedCallbackGetsTheLoginFailedPageAndNoSession() throws Exception {
        HttpResponse<String> start = get(edge.uri("/"));
        URI callback = location(get(location(start)));
        String tampered = callback.toString().replaceAll("state=[^&]+", "state=forged");
        HttpResponse<String> back = get(URI.create(tampered));
        assertEquals(401, back.statusCode());
        assertTrue(back.body().contains("login_failed"));
        HttpResponse<String> after = get(edge.uri("/"));
        assertEquals(302, after.statusCode(), "still not logged in: " + after.body());
    }

    @Test
    void aSessionIdPlantedBeforeTheSignInIsWorthNothingAfterIt() throws Exception {
        // Session fixation: an attacker gets a session from the edge and plants its cookie in the victim's browser.
        CookieManager attackersCookies = new CookieManager();
        HttpClient attacker = HttpClient.newBuilder().cookieHandler(attackersCookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> probe = attacker.send(HttpRequest.newBuilder(edge.uri("/")).header("Accept", NAVIGATION_ACCEPT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, probe.statusCode());
        List<java.net.HttpCookie> planted = attackersCookies.getCookieStore().getCookies();
        assertFalse(planted.isEmpty(), "the edge gave the attacker a session");
        CookieManager victimsCookies = (CookieManager) browser.cookieHandler().orElseThrow();
        planted.forEach(cookie -> victimsCookies.getCookieStore().add(edge.uri("/"), cookie));

        login("victim", 3600);
        assertEquals(200, get(edge.uri("/orders/items")).statusCode(), "the victim is signed in");

        HttpResponse<String> asVictim = attacker.send(HttpRequest.newBuilder(edge.uri("/orders/items"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, asVictim.statusCode(), "the planted session id is not the signed-in session");
        assertEquals("missing_credentials", JSONObjectUtils.parse(asVictim.body()).get("reason"));
        List<String> victimsValues = victimsCookies.getCookieStore().getCookies().stream()
                .map(java.net.HttpCookie::getValue).toList();
        planted.forEach(cookie -> assertFalse(victimsValues.contains(cookie.getValue()), cookie.getName()));
    }

    @Test
    void aCodeIssuedForAnotherLoginFailsThePkceCheck() throws Exception {
        HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI authorizeA = location(get(edge.uri("/")));
        URI authorizeB = location(other.send(HttpRequest.newBuilder(edge.uri("/")).header("Accept", NAVIGATION_ACCEPT).build(),
                HttpResponse.BodyHandlers.ofString()));
        URI callbackA = location(get(authorizeA));
        String stateB = query(authorizeB).get("state");
        // B's own state, but the code the provider issued for A (bound to A's PKCE challenge).
        URI swapped = URI.create(callbackA.toString().replaceAll("state=[^&]+", "state=" + stateB));

        HttpResponse<String> back = other.send(HttpRequest.newBuilder(swapped).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(401, back.statusCode(), back.body());
        assertTrue(back.body().contains("login_failed"));
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        URI authorize = location(get(edge.uri("/")));
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "mallory", "JWT", List.of(CLIENT_ID),
                Map.of("nonce", "replayed-nonce"), 3600));
        HttpResponse<String> back = get(location(get(authorize)));
        assertEquals(401, back.statusCode(), back.body());
        assertTrue(back.body().contains("login_failed"));
    }

    @Test
    void apiRequestsWithoutLoginGet401NotARedirect() throws Exception {
        HttpResponse<String> json = get(edge.uri("/orders/items"), "Accept", "application/json");
        assertEquals(401, json.statusCode());
        assertEquals("missing_credentials", JSONObjectUtils.parse(json.body()).get("reason"));
        assertEquals(401, get(edge.uri("/orders/items"), "X-Requested-With", "XMLHttpRequest").statusCode());
    }

    @Test
    void loggedInBrowserReachesTheBackendAsItself() throws Exception {
        login("alice", 3600);
        HttpResponse<String> response = get(edge.uri("/orders/items"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("context=ey"), response.body());
    }

    @Test
    void bearerClientsAreAcceptedWithoutRedirectAndForwardedWithAContext() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "reporting-job", "JWT", List.of(API_AUDIENCE),
                Map.of("scope", "orders:read"), 300));
        String basic = Base64.getEncoder().encodeToString("reporting:secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokenResponse = browser.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=orders:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = JSONObjectUtils.getString(JSONObjectUtils.parse(tokenResponse.body()), "access_token");

        HttpResponse<String> response = get(edge.uri("/orders/items"), "Authorization", "Bearer " + token);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("context=ey"));
        assertFalse(response.body().contains(token), "the IdP token must not reach the backend");

        HttpResponse<String> bad = get(edge.uri("/orders/items"), "Authorization", "Bearer garbage");
        assertEquals(401, bad.statusCode());
        assertEquals("malformed", JSONObjectUtils.parse(bad.body()).get("reason"));
    }

    @Test
    void crossOriginPostIsRefusedAndSameOriginPostIsForwarded() throws Exception {
        login("alice", 3600);
        HttpResponse<String> cross = browser.send(HttpRequest.newBuilder(edge.uri("/orders/items"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, cross.statusCode());
        assertEquals("cross_origin", JSONObjectUtils.parse(cross.body()).get("reason"));

        String own = edge.uri("").toString();
        HttpResponse<String> same = browser.send(HttpRequest.newBuilder(edge.uri("/orders/items"))
                .header("Origin", own).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, same.statusCode(), same.body());
        assertTrue(same.body().contains("method=POST"));
    }

    @Test
    void tokensAreRefreshedAheadOfExpiryOncePerSessionEvenUnderConcurrentRequests() throws Exception {
        login("alice", 60);
        assertEquals(1, tokenRequests("authorization_code"));
        String before = get(edge.uri("/")).body();

        // The refresh grant's tokens live an hour, so once refreshed nothing is due again.
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of(CLIENT_ID),
                Map.of("roles", List.of("admin", "user")), 3600));
        CLOCK.advance(Duration.ofSeconds(50)); // past 80% of the 60 s lifetime: the refresh is due
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> get(edge.uri("/orders/items")));
            }
            for (Future<HttpResponse<String>> result : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                assertEquals(200, result.get().statusCode(), result.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, tokenRequests("refresh_token"), "exactly one refresh grant for twenty requests");
        String after = get(edge.uri("/")).body();
        assertTrue(after.contains("subject=alice"));
        assertNotEquals(before.lines().filter(l -> l.startsWith("token=")).findFirst(),
                after.lines().filter(l -> l.startsWith("token=")).findFirst());
    }

    @Test
    void whenRefreshFailsAfterExpiryApiCallsGet401AndTheSessionIsOver() throws Exception {
        // Its own provider and edge, since this test stops the provider.
        MockOAuth2Server ownIdp = new MockOAuth2Server();
        ownIdp.start(InetAddress.getByName("127.0.0.1"), 0);
        String ownIssuer = "http://127.0.0.1:" + ownIdp.baseUrl().port() + "/" + ISSUER_ID;
        try (LoopbackJetty ownEdge = startEdge(Map.of("edgeauth.edge.issuer", ownIssuer, "edgeauth.edge.client-id", CLIENT_ID,
                "edgeauth.edge.client-secret", "edge-secret", "edgeauth.edge.route.orders", backend.uri("").toString()))) {
            URI authorize = location(get(ownEdge.uri("/")));
            ownIdp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of(CLIENT_ID),
                    Map.of(), 60));
            assertEquals(302, get(location(get(authorize))).statusCode());
            assertEquals(200, get(ownEdge.uri("/orders/items")).statusCode());

            ownIdp.shutdown();
            CLOCK.advance(Duration.ofSeconds(61)); // expired: the refresh must succeed or the session is over

            HttpResponse<String> api = get(ownEdge.uri("/orders/items"), "Accept", "application/json");
            assertEquals(401, api.statusCode(), api.body());
            assertEquals("session_expired", JSONObjectUtils.parse(api.body()).get("reason"));
            // The session is over; with the provider down a browser gets the 503 page rather than a redirect
            // into a provider that cannot answer (with it up, the same path sends the browser to log in).
            HttpResponse<String> page = get(ownEdge.uri("/"));
            assertEquals(503, page.statusCode());
            assertTrue(page.body().contains("idp_unavailable"));
        } finally {
            ownIdp.shutdown();
        }
    }

    @Test
    void theFirstSignInsAfterAStartAllSucceedEvenWhenTheyArriveTogether() throws Exception {
        // A fresh edge whose pac4j client is not initialized yet, and a crowd of browsers at the same moment:
        // first all asking for a page, then all coming back from the provider.
        try (LoopbackJetty fresh = startEdge(Map.of("edgeauth.edge.issuer", issuer, "edgeauth.edge.client-id", CLIENT_ID,
                "edgeauth.edge.client-secret", "edge-secret", "edgeauth.edge.route.orders", backend.uri("").toString()))) {
            int browsers = 16;
            CyclicBarrier together = new CyclicBarrier(browsers);
            ExecutorService pool = Executors.newFixedThreadPool(browsers);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < browsers; i++) {
                    answers.add(pool.submit(() -> {
                        HttpClient own = HttpClient.newBuilder().cookieHandler(new CookieManager())
                                .followRedirects(HttpClient.Redirect.NEVER).build();
                        together.await(30, TimeUnit.SECONDS); // a browser that returned early must not hang the rest
                        HttpResponse<String> start = own.send(HttpRequest.newBuilder(fresh.uri("/")).header("Accept", NAVIGATION_ACCEPT)
                                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                        if (start.statusCode() != 302) {
                            return "start " + start.statusCode();
                        }
                        HttpResponse<String> atProvider = own.send(HttpRequest.newBuilder(location(start))
                                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                        together.await(30, TimeUnit.SECONDS); // a browser that returned early must not hang the rest
                        HttpResponse<String> back = own.send(HttpRequest.newBuilder(location(atProvider))
                                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                        return back.statusCode() == 302 ? "signed in" : "callback " + back.statusCode();
                    }));
                }
                for (Future<String> answer : answers) {
                    assertEquals("signed in", answer.get(60, TimeUnit.SECONDS), "no browser gets the 503 page or a failed login");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void privateKeyJwtClientAuthenticationSignsTheAssertionWithTheConfiguredKey() throws Exception {
        com.nimbusds.jose.jwk.RSAKey clientKey = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                .keyIDFromThumbprint(true).generate();
        java.nio.file.Path pem = java.nio.file.Files.createTempFile("edge-client", ".pem");
        java.nio.file.Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(clientKey.toRSAPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try (LoopbackJetty keyEdge = startEdge(Map.of("edgeauth.edge.issuer", issuer, "edgeauth.edge.client-id", CLIENT_ID,
                "edgeauth.edge.client-auth", "private_key_jwt", "edgeauth.edge.client-key", pem.toString()))) {
            URI authorize = location(get(keyEdge.uri("/")));
            idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "carol", "JWT", List.of(CLIENT_ID),
                    Map.of(), 3600));
            assertEquals(302, get(location(get(authorize))).statusCode());
            assertTrue(get(keyEdge.uri("/")).body().contains("subject=carol"));

            RecordedRequest tokenRequest = drainRecordedRequests().stream()
                    .filter(r -> r.getPath() != null && r.getPath().endsWith("/token")).findFirst().orElseThrow();
            Map<String, String> form = new HashMap<>();
            for (String pair : tokenRequest.getBody().clone().readUtf8().split("&")) {
                int eq = pair.indexOf('=');
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
            com.nimbusds.jwt.SignedJWT assertion = com.nimbusds.jwt.SignedJWT.parse(form.get("client_assertion"));
            assertTrue(assertion.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(clientKey.toRSAPublicKey())));
            assertEquals(CLIENT_ID, assertion.getJWTClaimsSet().getIssuer());
            assertEquals(CLIENT_ID, assertion.getJWTClaimsSet().getSubject());
            assertFalse(form.containsKey("client_secret"));
        }
    }

    private HttpResponse<String> post(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void localLogoutEndsTheSessionAndRedirectsToTheProvidersEndSession() throws Exception {
        login("alice", 3600);
        HttpResponse<String> logout = post(edge.uri("/logout"), "Origin", edge.uri("").toString());
        assertEquals(303, logout.statusCode());
        URI endSession = location(logout);
        assertTrue(endSession.toString().startsWith(issuer), endSession.toString());
        assertTrue(endSession.getRawQuery().contains("id_token_hint="), endSession.toString());
        // Exactly what a provider that matches post-logout URIs needs: absolute, registered once, and the client.
        assertEquals(edge.uri("/").toString(), query(endSession).get("post_logout_redirect_uri"));
        assertEquals(CLIENT_ID, query(endSession).get("client_id"));
        assertEquals(401, get(edge.uri("/orders/items"), "Accept", "application/json").statusCode());
    }

    @Test
    void onAPathThatNeedsNoSignInWhoeverIsSignedInStaysWhoTheyAre() throws Exception {
        HttpResponse<String> anonymous = get(edge.uri("/orders/open/style.css"));
        assertEquals(200, anonymous.statusCode(), "a public path needs no sign-in");
        assertEquals("null", EdgeForwardingTest.lines(anonymous.body()).get("context"));
        login("bob", 3600);
        // Else the backend takes Bob's stylesheet request for an anonymous visitor's, and ends his session there.
        HttpResponse<String> signedIn = get(edge.uri("/orders/open/style.css"));
        assertNotEquals("null", EdgeForwardingTest.lines(signedIn.body()).get("context"));
    }

    @Test
    void signOutExpiresTheCookiesTheBackendsKeptInTheBrowser() throws Exception {
        login("bob", 3600);
        // A legacy backend sets its cookies (its session among them) while Bob is signed in.
        HttpResponse<String> moved = get(URI.create(edge.uri("/orders/public/moved") + "?to=/orders/list"));
        assertEquals(302, moved.statusCode());
        List<String> kept = moved.headers().allValues("Set-Cookie");
        assertTrue(kept.stream().anyMatch(c -> c.startsWith("cart=7; Path=/orders/public")), kept.toString());

        HttpResponse<String> logout = post(edge.uri("/logout"), "Origin", edge.uri("").toString());
        assertEquals(303, logout.statusCode());
        List<String> expired = logout.headers().allValues("Set-Cookie");
        for (String cookie : List.of("cart=; Path=/orders/public;", "plain=; Path=/orders;",
                "tracker=; Path=/orders;")) {
            assertTrue(expired.stream().anyMatch(c -> c.startsWith(cookie) && c.contains("Max-Age=0")),
                    cookie + " not expired: " + expired);
        }
        // And the browser holds none of them any more.
        assertEquals(List.of(), ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies()
                .stream().map(HttpCookie::getName).filter(n -> List.of("cart", "plain", "tracker").contains(n)).toList());
    }

    @Test
    void onlyASameOriginPostSignsOutSoAnotherSiteCannot() throws Exception {
        login("alice", 3600);
        HttpResponse<String> page = get(edge.uri("/logout"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("method=\"post\""), page.body());
        assertEquals(200, get(edge.uri("/orders/items")).statusCode(), "a GET signs nobody out");

        HttpResponse<String> crossSite = post(edge.uri("/logout"), "Origin", "http://evil.example");
        assertEquals(403, crossSite.statusCode());
        assertEquals("cross_origin", JSONObjectUtils.parse(crossSite.body()).get("reason"));
        HttpResponse<String> fetched = post(edge.uri("/logout"), "Sec-Fetch-Site", "cross-site");
        assertEquals(403, fetched.statusCode());
        assertEquals(200, get(edge.uri("/orders/items")).statusCode(), "still signed in");
    }

    @Test
    void afterSignOutTheEdgeSendsTheBrowserOnlyToItsOwnPaths() throws Exception {
        for (String target : List.of("/%5Cevil.example/phish", "//evil.example/phish", "https://evil.example/",
                "/%09/evil.example", "/%5C%5Cevil.example", "%2F%2Fevil.example", "/%0d%0aLocation:evil")) {
            HttpResponse<String> logout = post(URI.create(edge.uri("/logout") + "?url=" + target));
            assertEquals(303, logout.statusCode(), target);
            String location = logout.headers().firstValue("Location").orElseThrow();
            URI resolved = edge.uri("/logout").resolve(location.replace("\\", "/"));
            assertEquals(edge.uri("/").getAuthority(), resolved.getAuthority(), target + " -> " + location);
            assertFalse(location.contains("evil"), target + " -> " + location);
        }
        HttpResponse<String> own = post(URI.create(edge.uri("/logout") + "?url=/bye"));
        assertEquals(edge.uri("/bye").toString(), own.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void anIdTokenOrALogoutTokenIsNoAccessTokenEvenAfterSignOut() throws Exception {
        login("alice", 3600);
        HttpResponse<String> logout = post(edge.uri("/logout"), "Origin", edge.uri("").toString());
        String idToken = query(location(logout)).get("id_token_hint");
        assertTrue(com.nimbusds.jwt.JWTParser.parse(idToken).getJWTClaimsSet().getClaims().containsKey("nonce"));
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "logout+jwt", List.of(CLIENT_ID),
                Map.of("sid", "s-1", "events", Map.of(BackchannelSignOutServlet.EVENT, Map.of())), 120));
        String logoutToken = tokenFromProvider();
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of(CLIENT_ID),
                Map.of("events", Map.of(BackchannelSignOutServlet.EVENT, Map.of())), 120));
        String logoutTokenTypedJwt = tokenFromProvider();

        HttpResponse<String> withIdToken = get(edge.uri("/orders/items"), "Authorization", "Bearer " + idToken);
        assertEquals(401, withIdToken.statusCode());
        assertEquals("wrong_type", JSONObjectUtils.parse(withIdToken.body()).get("reason"));

        // An edge told to take the client id as API audience would be the next line of defence: it no longer
        // deploys (LowerFindingsTest.aBearerAudienceEqualToTheClientIdFailsTheDeploymentNamingTheSetting).
        for (String token : List.of(logoutToken, logoutTokenTypedJwt)) {
            HttpResponse<String> refused = get(edge.uri("/orders/items"), "Authorization", "Bearer " + token);
            assertEquals(401, refused.statusCode(), refused.body());
        }
    }

    @Test
    void withoutABearerAudienceTheEdgeTakesNoBearerTokenAtAll() throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "reporting-job", "JWT", List.of(CLIENT_ID),
                Map.of("scope", "orders:read"), 300));
        String token = tokenFromProvider();
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.edge.issuer", issuer);
        settings.put("edgeauth.edge.client-id", CLIENT_ID);
        settings.put("edgeauth.edge.client-secret", "edge-secret");
        settings.put("edgeauth.edge.route.orders", backend.uri("").toString());
        try (LoopbackJetty noApiClients = startEdge(settings)) {
            HttpResponse<String> refused = get(noApiClients.uri("/orders/items"), "Authorization", "Bearer " + token);
            assertEquals(401, refused.statusCode());
            assertEquals("service_tokens_disabled", JSONObjectUtils.parse(refused.body()).get("reason"));
        }
    }

    @Test
    void backChannelLogoutFromTheProviderEndsTheSessionAtOnce() throws Exception {
        loginInProviderSession("bob", "provider-session-7");

        // The provider's logout token, signed by it (obtained from its token endpoint, so its issuer is exact).
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "bob", "logout+jwt", List.of(CLIENT_ID),
                Map.of("sid", "provider-session-7", "events",
                        Map.of(BackchannelSignOutServlet.EVENT, Map.of())), 120));
        String logoutToken = tokenFromProvider();

        HttpClient provider = HttpClient.newHttpClient();
        HttpResponse<String> forged = provider.send(HttpRequest.newBuilder(edge.uri(EdgePaths.BACKCHANNEL_LOGOUT))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=not.a.token")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, forged.statusCode());
        assertEquals(200, get(edge.uri("/orders/items")).statusCode(), "a bad logout token ends nothing");

        HttpResponse<String> logout = provider.send(HttpRequest.newBuilder(edge.uri(EdgePaths.BACKCHANNEL_LOGOUT))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + logoutToken)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, logout.statusCode(), logout.body());
        HttpResponse<String> after = get(edge.uri("/orders/items"), "Accept", "application/json");
        assertEquals(401, after.statusCode());

        // The same logout token again (a replay by whoever saw it): refused, as a one-time token must be.
        loginInProviderSession("bob", "provider-session-7");
        HttpResponse<String> replayed = provider.send(HttpRequest.newBuilder(edge.uri(EdgePaths.BACKCHANNEL_LOGOUT))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + logoutToken)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, replayed.statusCode());
        assertEquals("replayed", JSONObjectUtils.parse(replayed.body()).get("reason"));
        assertEquals(200, get(edge.uri("/orders/items")).statusCode(), "the new session lives on");
    }

    @Test
    void aLogoutTokenNamingOnlyTheProviderSessionEndsThatSession() throws Exception {
        loginInProviderSession("carol", "provider-session-9");

        // OIDC back-channel logout allows sid without sub; the provider's token carries no sub at all.
        idp.enqueueCallback(new OAuth2TokenCallback() {
            @Override
            public String issuerId() {
                return ISSUER_ID;
            }

            @Override
            public String subject(TokenRequest request) {
                return null;
            }

            @Override
            public String typeHeader(TokenRequest request) {
                return "logout+jwt";
            }

            @Override
            public List<String> audience(TokenRequest request) {
                return List.of(CLIENT_ID);
            }

            @Override
            public Map<String, Object> addClaims(TokenRequest request) {
                return Map.of("sid", "provider-session-9", "events", Map.of(BackchannelSignOutServlet.EVENT, Map.of()));
            }

            @Override
            public long tokenExpiry() {
                return 120;
            }
        });
        String logoutToken = tokenFromProvider();
        assertFalse(com.nimbusds.jwt.JWTParser.parse(logoutToken).getJWTClaimsSet().getClaims().containsKey("sub"));

        HttpResponse<String> logout = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(edge.uri(EdgePaths.BACKCHANNEL_LOGOUT))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + logoutToken)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, logout.statusCode(), logout.body());
        assertEquals(401, get(edge.uri("/orders/items"), "Accept", "application/json").statusCode());
    }

    @Test
    void aSessionWithoutTheRoleClaimIsExplainedOnceWithTheClaimsThatWerePresent() throws Exception {
        try (EdgeLog log = EdgeLog.capture()) {
            loginInProviderSession("rolf", "provider-session-r"); // tokens with sid only, no roles
            get(edge.uri("/orders/items"));
            List<String> explained = log.lines().stream().filter(line -> line.contains("no roles for subject=rolf")).toList();
            assertEquals(1, explained.size(), log.lines().toString());
            assertTrue(explained.get(0).contains("claims present: [") && explained.get(0).contains("sid"),
                    explained.get(0));
            assertTrue(explained.get(0).contains("edgeauth.edge.role-claim"), explained.get(0));
        }
    }

    @Test
    void anonymousApiCallsMakeNoSessionAndPageViewsDoNotEachAskTheProvider() throws Exception {
        HttpResponse<String> api = get(edge.uri("/orders/items"), "Accept", "application/json");
        assertEquals(401, api.statusCode());
        assertTrue(api.headers().allValues("Set-Cookie").isEmpty(), api.headers().allValues("Set-Cookie").toString());

        // A fresh edge, which has asked the provider nothing yet: it must ask at least once, and not per view.
        try (LoopbackJetty fresh = startEdge(Map.of("edgeauth.edge.issuer", issuer, "edgeauth.edge.client-id", CLIENT_ID,
                "edgeauth.edge.client-secret", "edge-secret"))) {
            drainRecordedRequests();
            java.util.function.LongSupplier discoveries = () -> drainRecordedRequests().stream()
                    .filter(r -> r.getPath() != null && r.getPath().endsWith("/.well-known/openid-configuration")).count();
            for (int i = 0; i < 6; i++) {
                HttpClient stranger = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                assertEquals(302, stranger.send(HttpRequest.newBuilder(fresh.uri("/")).header("Accept", NAVIGATION_ACCEPT)
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                long asked = discoveries.getAsLong();
                if (i == 0) {
                    assertTrue(asked >= 1, "the first view of a fresh edge asked the provider nothing");
                } else {
                    assertEquals(0, asked, "page view " + (i + 1) + " asked the provider again");
                }
            }
        }
    }

    @Test
    void providerDownGivesTheUnavailablePageAndLoginWorksOnceItIsBack() throws Exception {
        int port = LoopbackJetty.freePort();
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.edge.issuer", "http://127.0.0.1:" + port + "/" + ISSUER_ID);
        settings.put("edgeauth.edge.client-id", CLIENT_ID);
        settings.put("edgeauth.edge.client-secret", "edge-secret");
        MockOAuth2Server late = new MockOAuth2Server();
        try (LoopbackJetty lonelyEdge = startEdge(settings)) {
            long before = System.nanoTime();
            HttpResponse<String> down = get(lonelyEdge.uri("/"));
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("idp_unavailable"));
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(15), "answered, not hung");

            late.start(InetAddress.getByName("127.0.0.1"), port);
            // pac4j retries discovery at most every two seconds: poll, with a deadline, until the login starts.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status;
            do {
                status = get(lonelyEdge.uri("/")).statusCode();
                if (status != 302) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            } while (status != 302 && System.nanoTime() < deadline);
            assertEquals(302, status);
        } finally {
            late.shutdown();
        }
    }

    /** The edge's own page: who the edge thinks you are. */
    public static final class Home extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            UserContext user = UserContext.current(req);
            resp.setContentType("text/plain");
            String token = "";
            if (req.getAttribute(EdgeSessions.REQUEST_ATTRIBUTE) instanceof EdgeSession session) {
                token = Integer.toHexString(session.profile().getAccessToken().getValue().hashCode());
            }
            resp.getWriter().print("subject=" + user.subject() + "\nroles=" + user.roles() + "\ntoken=" + token + "\n");
        }
    }
}
