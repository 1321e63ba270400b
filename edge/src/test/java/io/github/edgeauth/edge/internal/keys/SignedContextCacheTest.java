package io.github.edgeauth.edge.internal.keys;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SignedContextCacheTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SignedContextCache issuer;

    SignedContextCacheTest() throws Exception {
        ContextSigner signer = new ContextSigner(new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate(),
                JWSAlgorithm.RS256, "edge");
        issuer = new SignedContextCache(() -> signer, Duration.ofSeconds(60), clock);
    }

    private static UserContext alice(Set<String> roles) {
        return UserContext.builder().subject("alice").roles(roles).sessionId("s1").build();
    }

    @Test
    void anApiClientWithoutASessionGetsItsContextReusedLikeASession() {
        UserContext client = UserContext.builder().subject("report-job").scopes(Set.of("orders:read"))
                .expiresAt(now.get().plusSeconds(3600)).build();
        String first = issuer.contextFor(client, "shop", null);
        now.set(now.get().plusSeconds(29));
        assertEquals(first, issuer.contextFor(client, "shop", null));
        assertNotEquals(first, issuer.contextFor(client, "hr", null), "per audience");
        now.set(now.get().plusSeconds(1));
        assertNotEquals(first, issuer.contextFor(client, "shop", null), "never past half the context's life");
    }

    @Test
    void anApiClientsContextIsNeverReusedPastItsTokensExpiry() {
        UserContext client = UserContext.builder().subject("report-job").expiresAt(now.get().plusSeconds(10)).build();
        String first = issuer.contextFor(client, "shop", null);
        now.set(now.get().plusSeconds(9));
        assertEquals(first, issuer.contextFor(client, "shop", null));
        now.set(now.get().plusSeconds(1));
        assertNotEquals(first, issuer.contextFor(client, "shop", null), "the token has expired");
    }

    @Test
    void anotherApiClientNeverGetsThisOnesContext() {
        Instant expiry = now.get().plusSeconds(3600);
        String first = issuer.contextFor(UserContext.builder().subject("report-job").expiresAt(expiry).build(), "shop", null);
        assertNotEquals(first, issuer.contextFor(UserContext.builder().subject("other-job").expiresAt(expiry).build(),
                "shop", null));
        assertNotEquals(first, issuer.contextFor(UserContext.builder().subject("report-job").scopes(Set.of("admin"))
                .expiresAt(expiry).build(), "shop", null));
    }

    @Test
    void reusesTheSignedContextUntilHalfItsLifetimeThenSignsAgain() {
        String session = "edge-session-1";
        String first = issuer.contextFor(alice(Set.of("user")), "shop", session);
        now.set(now.get().plusSeconds(29));
        assertEquals(first, issuer.contextFor(alice(Set.of("user")), "shop", session));
        now.set(now.get().plusSeconds(1));
        assertNotEquals(first, issuer.contextFor(alice(Set.of("user")), "shop", session));
    }

    @Test
    void signsAgainForAnotherAudienceOrAChangedIdentity() {
        String session = "edge-session-1";
        String shop = issuer.contextFor(alice(Set.of("user")), "shop", session);
        assertNotEquals(shop, issuer.contextFor(alice(Set.of("user")), "hr", session));
        assertNotEquals(shop, issuer.contextFor(alice(Set.of("user", "admin")), "shop", session));
        assertNotEquals(shop, issuer.contextFor(alice(Set.of("user")), "shop", "edge-session-2"),
                "a new sign-in (a new edge session) never gets the old context");
    }
}
