package io.github.edgeauth.core.testing;

import io.github.edgeauth.core.internal.token.ContextFormat;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Hand-made tokens with any header and claims, to attack the verifier with. */
/** Test support: contexts signed by hand, for attacks and edge cases. */
public final class Forge {
    public static final String ISSUER = "edge-test";
    public static final String AUDIENCE = "orders-group";

    private Forge() {
    }

    /** A context header and claims that pass, before {@code header} and {@code claims} change them. */
    public static String context(JWK key, JWSAlgorithm alg, Instant now, UnaryOperator<JWSHeader.Builder> header,
                          UnaryOperator<JWTClaimsSet.Builder> claims) {
        JWSHeader.Builder h = new JWSHeader.Builder(alg).type(ContextFormat.TYPE).keyID(key.getKeyID());
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .claim("roles", List.of("user"));
        return sign(key, header.apply(h).build(), claims.apply(c).build());
    }

    public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, header.getAlgorithm()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
