package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.edge.Jetty;
import io.github.edgeauth.edge.internal.web.EdgePaths;
import io.github.edgeauth.edge.internal.config.SignInConfiguration;
import io.github.edgeauth.edge.internal.forwarding.EdgeForwardingTest;
import io.github.edgeauth.edge.internal.signin.SignInTest;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.testing.LoopbackJetty;
import io.github.edgeauth.core.testing.MutableClock;
import com.nimbusds.jose.util.JSONObjectUtils;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser's session ends after the idle timeout, at its absolute lifetime however busy and however often its
 * tokens are refreshed, and when the provider refuses a refresh. After any of them an API call gets 401
 * {@code session_expired} and a page view signs in again.
 */
class SessionLifetimeTest {
    private static final String ISSUER_ID = "default";
    private static final String CLIENT_ID = "edge";
    private static final MutableClock CLOCK = new MutableClock();
    private static final AtomicBoolean REVOKED = new AtomicBoolean();

    private static MockOAuth2Server idp;
    private static LoopbackJetty backend;
    private static LoopbackJetty edge;
    private HttpClient browser;
    private LoopbackJetty current;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server(new RevokedRefreshTokens());
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        backend = new LoopbackJetty("/orders", 0).servlet(new EdgeForwardingTest.Echo(), "/*").start();
        edge = startEdge(Map.of()); // the lifetimes as shipped: 30 minutes idle, 12 hours in all
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        backend.close();
        idp.shutdown();
    }

    private static LoopbackJetty startEdge(Map<String, String> extra) throws Exception {
        int port = LoopbackJetty.freePort();
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("edgeauth.edge.issuer", "http://127.0.0.1:" + idp.baseUrl().port() + "/" + ISSUER_ID);
        settings.put("edgeauth.edge.client-id", CLIENT_ID);
        settings.put("edgeauth.edge.client-secret", "edge-secret");
        settings.put("edgeauth.edge.route.orders", backend.uri("").toString());
        settings.put("edgeauth.edge.public-url", "http://127.0.0.1:" + port);
        return Jetty.edge(Settings.of(settings, Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")), port, CLOCK)
                .servlet(new SignInTest.Home(), "/").start();
    }

    @BeforeEach
    void newBrowser() {
        CLOCK.reset();
        current = edge;
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void aSessionLeftIdleLongerThanTheTimeoutIsOver() throws Exception {
        signIn(3600);
        CLOCK.advance(Duration.ofMinutes(31));
        assertExpired();
    }

    @Test
    void aSessionInUseOutlivesTheIdleTimeout() throws Exception {
        signIn(7200);
        for (int i = 0; i < 3; i++) {
            CLOCK.advance(Duration.ofMinutes(29).plusSeconds(59));
            assertEquals(200, api().statusCode(), "request " + i);
        }
    }

    @Test
    void anErrorAnswerAtTheCallbackNeitherRevivesNorRestartsASession() throws Exception {
        signIn(7200);
        CLOCK.advance(Duration.ofMinutes(31)); // idle too long: over, though the server still holds the session
        // Anyone can send the browser here (pac4j checks no state for an error answer): no sign-in, no new lifetime.
        HttpResponse<String> callback = send(current.uri(EdgePaths.CALLBACK + "?error=access_denied&state=x"),
                "text/html");
        assertEquals(401, callback.statusCode(), callback.body());
        assertTrue(callback.body().contains("login_failed"), callback.body());
        assertExpired();
    }

    @Test
    void requestsToPublicPathsDoNotKeepAnIdleSessionAlive() throws Exception {
        signIn(7200);
        CLOCK.advance(Duration.ofMinutes(20));
        send(current.uri("/health"), "application/json"); // a page polling a public path, with the session cookie
        CLOCK.advance(Duration.ofMinutes(15)); // 35 minutes since the last request that needed the sign-in
        assertExpired();
    }

    @Test
    void refreshesNeverExtendTheAbsoluteLifetime() throws Exception {
        // A short lifetime, so the test need not step through 12 hours.
        try (LoopbackJetty shortLived = startEdge(Map.of("edgeauth.edge.session-lifetime", "2m"))) {
            current = shortLived;
            signInAndOutliveTheLifetime();
        }
    }

    private void signInAndOutliveTheLifetime() throws Exception {
        signIn(60);
        String before = token();
        CLOCK.advance(Duration.ofSeconds(50)); // the refresh is due
        assertEquals(200, api().statusCode());
        assertNotEquals(before, token(), "refreshed");
        CLOCK.advance(Duration.ofSeconds(50));
        assertEquals(200, api().statusCode(), "refreshed, inside the lifetime");
        CLOCK.advance(Duration.ofSeconds(21)); // 121 s after the sign-in: past the 2-minute lifetime
        assertExpired();
    }

    @Test
    void aRefreshTheProviderRefusesEndsTheSessionAtOnce() throws Exception {
        signIn(60);
        CLOCK.advance(Duration.ofSeconds(50)); // due, but the token is still valid for 10 s
        REVOKED.set(true); // an admin revoked the user's sessions at the provider
        try {
            assertExpired();
        } finally {
            REVOKED.set(false);
        }
    }

    @Test
    void lifetimesShorterThanAMinuteFailTheDeploymentNamingTheSetting() {
        ConfigurationException idle = assertThrows(ConfigurationException.class, () -> SignInConfiguration.read(
                Settings.of(Map.of("edgeauth.edge.issuer", "https://idp.example", "edgeauth.edge.client-id", "edge",
                        "edgeauth.edge.client-secret", "s", "edgeauth.edge.session-idle-timeout", "30s"), Map.of())));
        assertTrue(idle.getMessage().contains("edgeauth.edge.session-idle-timeout"), idle.getMessage());
    }

    private void signIn(long tokenSeconds) throws Exception {
        URI authorize = location(page());
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of(CLIENT_ID),
                Map.of(), tokenSeconds));
        HttpResponse<String> back = send(location(send(authorize, "text/html")), "text/html");
        assertEquals(302, back.statusCode(), back.body());
        assertEquals(200, api().statusCode());
    }

    /** The session is over: an API call is told so, and the next page view goes to sign in. */
    private void assertExpired() throws Exception {
        HttpResponse<String> api = api();
        assertEquals(401, api.statusCode(), api.body());
        assertEquals("session_expired", JSONObjectUtils.parse(api.body()).get("reason"));
        HttpResponse<String> page = page();
        assertEquals(302, page.statusCode(), page.body());
        assertTrue(location(page).getPath().endsWith("/authorize"), location(page).toString());
    }

    /** Which access token the session holds now (the edge's home page shows its hash). */
    private String token() throws Exception {
        return send(current.uri("/"), "application/json").body().lines().filter(l -> l.startsWith("token="))
                .findFirst().orElseThrow();
    }

    private HttpResponse<String> api() throws Exception {
        return send(current.uri("/orders/items"), "application/json");
    }

    private HttpResponse<String> page() throws Exception {
        return send(current.uri("/orders/items"), SignInTest.NAVIGATION_ACCEPT);
    }

    private HttpResponse<String> send(URI uri, String accept) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no redirect, status " + response.statusCode())));
    }

    /** While {@link #REVOKED}: the provider refuses refresh grants as Keycloak does for a revoked session. */
    private static final class RevokedRefreshTokens implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return REVOKED.get() && "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token")
                    && request.getBody() != null && request.getBody().contains("grant_type=refresh_token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}", null);
        }
    }
}
