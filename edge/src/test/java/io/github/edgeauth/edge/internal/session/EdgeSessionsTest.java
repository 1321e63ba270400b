package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.testing.MutableClock;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.pac4j.oidc.profile.OidcProfile;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two edge nodes sharing one store, as two nodes share the data grid. */
class EdgeSessionsTest {
    private final MutableClock clock = new MutableClock();
    private final AtomicLong nanos = new AtomicLong();
    private final SessionStore store = new SessionStore.Local(Duration.ofHours(1), clock);
    private final SignOutRecords signOuts = SignOutRecords.at("local", clock);
    private final EdgeSessions nodeA = node();
    private final EdgeSessions nodeB = node();
    private final List<String> setCookies = new ArrayList<>();

    private EdgeSessions node() {
        return new EdgeSessions(store, signOuts, new ProfileMapping("roles"), clock, nanos::get);
    }

    @Test
    void aChangeWrittenByOneNodeIsNeverLostToAnotherNodesWriteFromAnOlderCopy() {
        EdgeSession session = nodeA.begin(profile("refresh-1"), request(null), response(), false);
        assertTrue(nodeB.reread(session.id()).isPresent(), "node B serves the session too");

        // Node B refreshes the tokens (a rotating refresh token: the old one is spent) ...
        nodeB.update(session.id(), s -> s.withProfile(profile("refresh-2")));
        // ... while node A, from the copy it read before, marks the session seen.
        clock.advance(Duration.ofMinutes(2));
        long seen = clock.millis();
        nodeA.update(session.id(), s -> s.seen(seen));

        EdgeSession stored = nodeB.reread(session.id()).orElseThrow().session();
        assertEquals("refresh-2", stored.profile().getRefreshToken().getValue(), "the refreshed tokens were lost");
        assertEquals(seen, stored.seenAt(), "the time last seen was lost");
    }

    @Test
    void aSessionEndedAtOneNodeEndsAtTheOtherOnceItsViewIsOlderThanHalfASecond() {
        EdgeSession session = nodeA.begin(profile("refresh-1"), request(null), response(), false);
        assertTrue(nodeB.find(request(session.id()), false).isPresent());

        nodeA.end(session, request(session.id()), response(), false);

        nanos.addAndGet(EdgeSessions.VIEW_FOR.toNanos());
        assertEquals(Optional.empty(), nodeB.find(request(session.id()), false));
        assertTrue(setCookies.stream().anyMatch(c -> c.startsWith("edgeauth-session=; ") && c.contains("Max-Age=0")),
                setCookies.toString());
    }

    @Test
    void aSignInEndsTheBrowsersPreviousSessionAndGivesANewId() {
        EdgeSession first = nodeA.begin(profile("refresh-1"), request(null), response(), false);
        EdgeSession second = nodeA.begin(profile("refresh-2"), request(first.id()), response(), false);

        assertTrue(!first.id().equals(second.id()));
        nanos.addAndGet(EdgeSessions.VIEW_FOR.toNanos());
        assertEquals(Optional.empty(), nodeB.find(request(first.id()), false), "the session before the sign-in lives on");
        assertTrue(nodeB.find(request(second.id()), false).isPresent());
    }

    private static OidcProfile profile(String refreshToken) {
        OidcProfile profile = new OidcProfile();
        profile.setId("alice");
        profile.setRefreshToken(new RefreshToken(refreshToken));
        return profile;
    }

    private static HttpServletRequest request(String sessionId) {
        Cookie[] cookies = sessionId == null ? null : new Cookie[] {new Cookie("edgeauth-session", sessionId)};
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCookies" -> cookies;
                    case "getContextPath" -> "";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addHeader") && args[0].equals("Set-Cookie")) {
                        setCookies.add((String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
