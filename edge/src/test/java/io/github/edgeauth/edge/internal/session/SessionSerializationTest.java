package io.github.edgeauth.edge.internal.session;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * What the edge keeps in a session survives Java serialization, as the data grid needs to carry it to another edge
 * node.
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
    void anEdgeSessionSurvivesTheStoreAndForeignBytesCountAsNone() {
        OidcProfile profile = new OidcProfile();
        profile.setId("alice");
        profile.setRefreshToken(new RefreshToken("refresh-value"));
        EdgeSession session = new EdgeSession("id-1", profile, 1_000, 2_000, java.util.Set.of("JSESSIONID\t/orders"));

        EdgeSession copy = SessionBytes.read(SessionBytes.of(session)).orElseThrow();

        assertEquals("id-1", copy.id());
        assertEquals("alice", copy.profile().getId());
        assertEquals("refresh-value", copy.profile().getRefreshToken().getValue());
        assertEquals(1_000, copy.signedInAt());
        assertEquals(2_000, copy.seenAt());
        assertEquals(java.util.Set.of("JSESSIONID\t/orders"), copy.backendCookies());
        assertEquals(java.util.Optional.empty(), SessionBytes.read("AQID"), "bytes that are no serialized object");
        assertEquals(java.util.Optional.empty(), SessionBytes.read("not Base64!"));
        assertEquals(java.util.Optional.empty(), SessionBytes.read(java.util.Base64.getEncoder()
                .encodeToString(serialized("not a session"))),
                "another value is no session");
    }

    @Test
    void aStoredSessionHoldingAnyOtherClassIsReadAsNoneBeforeThatClassIsMade() {
        // What another member of the grid could put in the cache: a session carrying a class of the server's
        // (a gadget chain starts the same way), here one outside java.base, pac4j and nimbus.
        OidcProfile profile = new OidcProfile();
        profile.setId("mallory");
        profile.addAttribute("carried", java.util.logging.Level.SEVERE);
        String stored = SessionBytes.of(new EdgeSession("id-1", profile, 1_000, 2_000, java.util.Set.of()));

        assertEquals(java.util.Optional.empty(), SessionBytes.read(stored));
    }

    private static byte[] serialized(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
