package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.UserContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints the signed user context: a compact JWS with {@code typ: edgeauth-ctx+jwt}, the signing key's
 * {@code kid}, the edge's issuer, one audience (the trust group of the backends it is for) and a short
 * lifetime. Used by the edge; thread-safe.
 */
public final class ContextSigner {
    private final JWK signingKey;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final String issuer;
    private final Clock clock;

    /**
     * @param signingKey a private RSA or EC key with a {@code kid}
     * @param algorithm  the JWS algorithm, matching the key type (RS256, PS256, ES256, ...)
     * @param issuer     the edge's id, which backends check as {@code edgeauth.context.issuer}
     */
    public ContextSigner(JWK signingKey, JWSAlgorithm algorithm, String issuer) {
        this(signingKey, algorithm, issuer, Clock.systemUTC());
    }

    ContextSigner(JWK signingKey, JWSAlgorithm algorithm, String issuer, Clock clock) {
        if (signingKey.getKeyID() == null || !signingKey.isPrivate()) {
            throw new IllegalArgumentException("the signing key must be private and have a kid");
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            throw new IllegalArgumentException("symmetric algorithms are not supported");
        }
        try {
            this.signer = new DefaultJWSSignerFactory().createJWSSigner(signingKey, algorithm);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the key cannot sign with " + algorithm, e);
        }
        this.signingKey = signingKey;
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The {@code kid} every minted context names. */
    public String keyId() {
        return signingKey.getKeyID();
    }

    /** Signs {@code context} for {@code audience}, valid for {@code timeToLive} from now. */
    public String mint(UserContext context, String audience, Duration timeToLive) {
        if (context.isAnonymous()) {
            throw new IllegalArgumentException("an anonymous context is never minted");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        context.claims().forEach(claims::claim);
        claims.issuer(issuer)
                .subject(context.subject())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(timeToLive)))
                .jwtID(UUID.randomUUID().toString())
                .claim(ClaimMapping.ROLES, List.copyOf(context.roles()));
        context.name().ifPresent(v -> claims.claim(ClaimMapping.NAME, v));
        context.email().ifPresent(v -> claims.claim(ClaimMapping.EMAIL, v));
        context.sessionId().ifPresent(v -> claims.claim(ClaimMapping.SESSION_ID, v));
        if (!context.scopes().isEmpty()) {
            claims.claim(ClaimMapping.SCOPE, String.join(" ", context.scopes()));
        }
        JWSHeader header = new JWSHeader.Builder(algorithm).type(ContextFormat.TYPE).keyID(keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the user context failed", e);
        }
        return jwt.serialize();
    }
}
