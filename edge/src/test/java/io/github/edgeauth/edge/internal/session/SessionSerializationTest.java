package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.edge.internal.keys.SignedContextCache;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import org.junit.jupiter.api.Test;
import org.pac4j.oidc.profile.OidcProfile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * What the edge keeps in a session survives Java serialization, as a clustered (distributable) session
 * store needs to carry it to another edge instance.
 */
class SessionSerializationTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void thePac4jProfileWithItsTokensSurvives() throws Exception {
        OidcProfile profile = new OidcProfile();
        profile.setId("alice");
        profile.addAttribute("roles", List.of("admin"));
        profile.setAccessToken(new BearerAccessToken("access-value", 60, new Scope("openid", "orders:read")));
        profile.setRefreshToken(new RefreshToken("refresh-value"));
        profile.setIdTokenString("header.payload.signature");
        profile.setExpiration(Date.from(Instant.parse("2026-11-27T10:00:00Z")));
        Map<String, Object> sessionValue = new LinkedHashMap<>(Map.of("OidcClient", profile));

        OidcProfile copy = assertInstanceOf(OidcProfile.class, roundTrip(sessionValue).get("OidcClient"));

        assertEquals("alice", copy.getId());
        assertEquals("access-value", copy.getAccessToken().getValue());
        assertEquals(60, copy.getAccessToken().getLifetime());
        assertEquals("refresh-value", copy.getRefreshToken().getValue());
        assertEquals(profile.getExpiration(), copy.getExpiration());
        assertEquals(List.of("admin"), copy.getAttribute("roles"));
    }

    @Test
    void theSignedContextsAndTheRefreshLockSurvive() throws Exception {
        ConcurrentHashMap<String, SignedContextCache.Minted> minted = new ConcurrentHashMap<>(Map.of("shop",
                new SignedContextCache.Minted("a.b.c", "id", Instant.parse("2026-11-27T10:00:30Z"))));
        assertEquals(minted, roundTrip(minted));
        assertInstanceOf(SessionRefresher.SessionLock.class, roundTrip(new SessionRefresher.SessionLock()));
    }
}
