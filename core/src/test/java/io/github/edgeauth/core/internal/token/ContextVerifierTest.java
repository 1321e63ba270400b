package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.MutableClock;
import io.github.edgeauth.core.testing.TestKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final JWK RSA = TestKeys.rsa();
    private static final JWK EC = TestKeys.ec();

    private final MutableClock clock = new MutableClock(NOW);

    private ContextVerifier verifier(String audience, Set<JWSAlgorithm> algorithms, int cacheSize, JWK... keys) {
        return ContextVerifier.builder().keys(TestKeys.publicSource(keys)).issuer(Forge.ISSUER).audience(audience)
                .algorithms(algorithms).cacheSize(cacheSize).clock(clock).build();
    }

    private ContextVerifier verifier() {
        return verifier(Forge.AUDIENCE, Set.of(JWSAlgorithm.RS256), 100, RSA);
    }

    private String minted(UserContext context) {
        return new ContextSigner(RSA, JWSAlgorithm.RS256, Forge.ISSUER, clock)
                .mint(context, Forge.AUDIENCE, Duration.ofSeconds(60));
    }

    private static String forged(UnaryOperator<JWSHeader.Builder> header, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return Forge.context(RSA, JWSAlgorithm.RS256, NOW, header, claims);
    }

    private static ReasonCode reason(VerificationResult verification) {
        return assertInstanceOf(VerificationResult.Rejected.class, verification).reason();
    }

    @Test
    void mintedContextRoundTripsEveryField() {
        UserContext sent = UserContext.builder().subject("alice").name("Alice A").email("alice@example.test")
                .roles(Set.of("admin", "user")).scopes(Set.of("orders:read", "orders:write")).sessionId("s-1")
                .claim("preferred_username", "alice.a").claim("tenant", Map.of("id", "t1")).build();

        VerificationResult result = verifier().verify(minted(sent));

        UserContext got = assertInstanceOf(VerificationResult.Accepted.class, result).context();
        assertEquals("alice", got.subject());
        assertEquals("Alice A", got.name().orElseThrow());
        assertEquals("alice@example.test", got.email().orElseThrow());
        assertEquals(Set.of("admin", "user"), got.roles());
        assertEquals(Set.of("orders:read", "orders:write"), got.scopes());
        assertEquals("s-1", got.sessionId().orElseThrow());
        assertEquals(Forge.ISSUER, got.issuer());
        assertEquals(NOW, got.issuedAt());
        assertEquals(NOW.plusSeconds(60), got.expiresAt());
        assertEquals("alice.a", got.claims().get("preferred_username"));
        assertEquals(Map.of("id", "t1"), got.claims().get("tenant"));
        assertTrue(got.callingService().isEmpty());
        assertTrue(got.hasRole("admin"));
        assertTrue(got.hasScope("orders:write"));
        assertFalse(got.isAnonymous());
        assertThrows(UnsupportedOperationException.class, () -> got.claims().put("x", "y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256"})
    void eachSelectableAlgorithmVerifies(String name) {
        JWSAlgorithm alg = JWSAlgorithm.parse(name);
        JWK key = TestKeys.forAlgorithm(alg);
        String token = new ContextSigner(key, alg, Forge.ISSUER, clock)
                .mint(UserContext.builder().subject("bob").build(), Forge.AUDIENCE, Duration.ofSeconds(60));

        VerificationResult result = verifier(Forge.AUDIENCE, Set.of(alg), 0, key).verify(token);

        assertEquals("bob", assertInstanceOf(VerificationResult.Accepted.class, result).context().subject());
    }

    @Test
    void expiredContextIsRejectedWithContextExpired() {
        String token = forged(h -> h, c -> c.expirationTime(Date.from(NOW.minusSeconds(61))));
        assertEquals(ReasonCode.CONTEXT_EXPIRED, reason(verifier().verify(token)));
    }

    @Test
    void contextExpiredWithinTheClockSkewIsAccepted() {
        String token = forged(h -> h, c -> c.expirationTime(Date.from(NOW.minusSeconds(59))));
        assertInstanceOf(VerificationResult.Accepted.class, verifier().verify(token));
    }

    @Test
    void contextWithoutExpiryIsRejectedWithContextExpired() {
        String token = forged(h -> h, c -> c.expirationTime(null));
        assertEquals(ReasonCode.CONTEXT_EXPIRED, reason(verifier().verify(token)));
    }

    @Test
    void contextNotYetValidIsRejected() {
        String token = forged(h -> h, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(120))));
        assertEquals(ReasonCode.NOT_YET_VALID, reason(verifier().verify(token)));
    }

    @Test
    void contextIssuedInTheFutureIsRejected() {
        String token = forged(h -> h, c -> c.issueTime(Date.from(NOW.plusSeconds(120))));
        assertEquals(ReasonCode.ISSUED_IN_FUTURE, reason(verifier().verify(token)));
    }

    @Test
    void contextWithoutSubjectIsRejected() {
        String token = forged(h -> h, c -> c.subject(null));
        assertEquals(ReasonCode.MISSING_SUBJECT, reason(verifier().verify(token)));
    }

    @Test
    void contextFromAnotherIssuerIsRejected() {
        String token = forged(h -> h, c -> c.issuer("someone-else"));
        assertEquals(ReasonCode.WRONG_ISSUER, reason(verifier().verify(token)));
    }

    @Test
    void contextForAnotherAudienceIsRejected() {
        String token = forged(h -> h, c -> c.audience("billing-group"));
        assertEquals(ReasonCode.WRONG_AUDIENCE, reason(verifier().verify(token)));
    }

    @Test
    void unsignedContextIsRejected() {
        String token = new PlainJWT(new JWTClaimsSet.Builder().issuer(Forge.ISSUER).audience(Forge.AUDIENCE)
                .subject("alice").expirationTime(Date.from(NOW.plusSeconds(60))).build()).serialize();
        assertEquals(ReasonCode.UNSIGNED, reason(verifier().verify(token)));
    }

    @Test
    void hmacSignedWithThePublicKeyIsRejected() throws JOSEException {
        // The classic confusion attack: HS256 with the RSA public key's bytes as the shared secret.
        byte[] secret = ((RSAKey) RSA).toPublicJWK().toJSONString().getBytes();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(ContextFormat.TYPE)
                .keyID(RSA.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(Forge.ISSUER).audience(Forge.AUDIENCE).subject("mallory")
                        .expirationTime(Date.from(NOW.plusSeconds(60))).build());
        jwt.sign(new MACSigner(secret));
        assertEquals(ReasonCode.SYMMETRIC_ALGORITHM, reason(verifier().verify(jwt.serialize())));
    }

    @Test
    void algorithmOutsideTheConfiguredListIsRejected() {
        String token = Forge.context(EC, JWSAlgorithm.ES256, NOW, h -> h, c -> c);
        assertEquals(ReasonCode.ALGORITHM_NOT_ALLOWED,
                reason(verifier(Forge.AUDIENCE, Set.of(JWSAlgorithm.RS256), 0, RSA, EC).verify(token)));
    }

    @Test
    void tokenCarryingItsOwnJwkIsRejected() {
        JWK attacker = TestKeys.rsa();
        String token = Forge.context(attacker, JWSAlgorithm.RS256, NOW, h -> h.jwk(attacker.toPublicJWK()), c -> c);
        assertEquals(ReasonCode.EMBEDDED_KEY, reason(verifier().verify(token)));
    }

    @Test
    void tokenPointingToAKeyUrlIsRejected() {
        String jku = forged(h -> h.jwkURL(URI.create("http://127.0.0.1:1/jwks")), c -> c);
        String x5u = forged(h -> h.x509CertURL(URI.create("http://127.0.0.1:1/cert")), c -> c);
        String x5c = forged(h -> h.x509CertChain(List.of(Base64.encode("not a certificate"))), c -> c);
        assertEquals(ReasonCode.EMBEDDED_KEY, reason(verifier().verify(jku)));
        assertEquals(ReasonCode.EMBEDDED_KEY, reason(verifier().verify(x5u)));
        assertEquals(ReasonCode.EMBEDDED_KEY, reason(verifier().verify(x5c)));
    }

    @Test
    void unknownCriticalHeaderIsRejected() {
        String token = forged(h -> h.criticalParams(Set.of("edgeauth-unknown")).customParam("edgeauth-unknown", 1),
                c -> c);
        assertEquals(ReasonCode.UNKNOWN_CRITICAL_HEADER, reason(verifier().verify(token)));
    }

    @Test
    void ordinaryJwtTypeIsNotAContext() {
        String typed = forged(h -> h.type(JOSEObjectType.JWT), c -> c);
        String untyped = forged(h -> h.type(null), c -> c);
        assertEquals(ReasonCode.WRONG_TYPE, reason(verifier().verify(typed)));
        assertEquals(ReasonCode.WRONG_TYPE, reason(verifier().verify(untyped)));
    }

    @Test
    void unknownKeyIdIsRejected() {
        String token = forged(h -> h.keyID("no-such-kid"), c -> c);
        assertEquals(ReasonCode.UNKNOWN_KEY, reason(verifier().verify(token)));
    }

    @Test
    void signatureByAnotherKeyUnderTheTrustedKidIsRejected() {
        JWK attacker = new RSAKey.Builder((RSAKey) TestKeys.rsa()).keyID(RSA.getKeyID()).build();
        String token = Forge.context(attacker, JWSAlgorithm.RS256, NOW, h -> h, c -> c);
        assertEquals(ReasonCode.BAD_SIGNATURE, reason(verifier().verify(token)));
    }

    @Test
    void tamperedPayloadIsRejectedWithBadSignature() {
        String[] parts = minted(UserContext.builder().subject("alice").build()).split("\\.");
        String payload = new Base64URL(parts[1]).decodeToString().replace("alice", "admin");
        String token = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
        assertEquals(ReasonCode.BAD_SIGNATURE, reason(verifier().verify(token)));
    }

    @Test
    void headerOverEightKibIsRejectedBeforeParsing() {
        String token = forged(h -> h, c -> c.claim("padding", "x".repeat(9000)));
        assertEquals(ReasonCode.TOKEN_TOO_LARGE, reason(verifier().verify(token)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c", "....", "%%%.%%%.%%%",
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "bnVsbA.bnVsbA.bnVsbA"})
    void garbageIsRejectedAsMalformed(String token) {
        assertEquals(ReasonCode.MALFORMED, reason(verifier().verify(token)));
    }

    @Test
    void signedButNonJsonClaimsAreMalformed() throws JOSEException {
        // Well signed by the trusted key, so only the payload itself can be what is refused.
        for (String payload : List.of("not json", "{\"sub\": \"alice\"", "[\"alice\"]")) {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(ContextFormat.TYPE)
                    .keyID(RSA.getKeyID()).build(), new Payload(payload));
            jws.sign(new RSASSASigner((RSAKey) RSA));
            assertEquals(ReasonCode.MALFORMED, reason(verifier().verify(jws.serialize())), payload);
        }
    }

    @Test
    void rolesOfTheWrongJsonTypeAreIgnoredNotTrusted() {
        String token = forged(h -> h, c -> c.claim("roles", 42));
        VerificationResult result = verifier().verify(token);
        // The context is still the subject's, with no roles (ClaimValues.roles: none for a non-string value).
        UserContext context = assertInstanceOf(VerificationResult.Accepted.class, result).context();
        assertEquals("alice", context.subject());
        assertEquals(Set.of(), context.roles());
    }

    @Test
    void aCachedContextIsServedFromTheCacheUntilItExpires() {
        ContextVerifier verifier = verifier();
        String token = minted(UserContext.builder().subject("alice").build());

        VerificationResult first = verifier.verify(token);
        VerificationResult second = verifier.verify(token);
        assertSame(first, second);
        assertEquals(new CacheStatistics(1, 1, 1, 100), verifier.cacheStatistics());

        clock.advance(Duration.ofSeconds(60 + 61));
        assertEquals(ReasonCode.CONTEXT_EXPIRED, reason(verifier.verify(token)));
    }

    @Test
    void rejectedTokensAreNeverCached() {
        ContextVerifier verifier = verifier();
        for (int i = 0; i < 50; i++) {
            String elsewhere = forged(h -> h, c -> c.audience("elsewhere"));
            assertEquals(ReasonCode.WRONG_AUDIENCE, reason(verifier.verify(elsewhere)));
        }
        assertEquals(0, verifier.cacheStatistics().size());
        // The same verifier does keep what it accepts: the 0 above is about the rejections.
        assertInstanceOf(VerificationResult.Accepted.class,
                verifier.verify(minted(UserContext.builder().subject("alice").build())));
        assertEquals(1, verifier.cacheStatistics().size());
    }

    @Test
    void theCacheStaysWithinItsBound() {
        ContextVerifier verifier = verifier(Forge.AUDIENCE, Set.of(JWSAlgorithm.RS256), 8, RSA);
        int largest = 0;
        for (int i = 0; i < 30; i++) {
            assertInstanceOf(VerificationResult.Accepted.class,
                    verifier.verify(minted(UserContext.builder().subject("user-" + i).build())));
            largest = Math.max(largest, verifier.cacheStatistics().size());
        }
        // Filled up to its bound (so the bound, not an empty cache, is what held), never beyond.
        assertEquals(8, largest);
    }

    @Test
    void aContextForOneTrustGroupPassesAlongTheGroupAndNowhereElse() {
        // The audience model: one audience per trust group of backends.
        ContextVerifier orders = verifier("shop", Set.of(JWSAlgorithm.RS256), 10, RSA);
        ContextVerifier inventory = verifier("shop", Set.of(JWSAlgorithm.RS256), 10, RSA);
        ContextVerifier payroll = verifier("hr", Set.of(JWSAlgorithm.RS256), 10, RSA);
        String token = new ContextSigner(RSA, JWSAlgorithm.RS256, Forge.ISSUER, clock)
                .mint(UserContext.builder().subject("alice").build(), "shop", Duration.ofSeconds(60));

        UserContext atOrders = assertInstanceOf(VerificationResult.Accepted.class, orders.verify(token)).context();
        // orders forwards the very same header value to inventory, in its group: accepted.
        UserContext atInventory = assertInstanceOf(VerificationResult.Accepted.class, inventory.verify(token)).context();
        assertEquals(atOrders.subject(), atInventory.subject());
        // the same context replayed at a backend of another group: refused.
        assertEquals(ReasonCode.WRONG_AUDIENCE, reason(payroll.verify(token)));
    }

    @Test
    void anonymousContextsAreNeverMinted() {
        ContextSigner signer = new ContextSigner(RSA, JWSAlgorithm.RS256, Forge.ISSUER, clock);
        assertThrows(IllegalArgumentException.class,
                () -> signer.mint(UserContext.anonymous(), Forge.AUDIENCE, Duration.ofSeconds(60)));
    }

    @Test
    void mintedContextNamesItsKeyAndType() throws Exception {
        SignedJWT jwt = SignedJWT.parse(minted(UserContext.builder().subject("alice").build()));
        assertEquals(RSA.getKeyID(), jwt.getHeader().getKeyID());
        assertEquals("edgeauth-ctx+jwt", jwt.getHeader().getType().getType());
        assertNotNull(jwt.getJWTClaimsSet().getJWTID());
    }
}
