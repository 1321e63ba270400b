package io.github.edgeauth.benchmarks.endtoend;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One 2048-bit RSA key and the tokens the variants get, each signed with it: user contexts as the edge signs
 * them (about 770 characters) and a MicroProfile JWT with the same claims.
 */
final class BenchTokens {
    static final String MP_JWT_ISSUER = "https://issuer.bench.edgeauth.test";
    private static final Duration LIFETIME = Duration.ofHours(2);

    private final RSAKey key;
    private final ContextSigner signer;

    private BenchTokens(RSAKey key) {
        this.key = key;
        this.signer = new ContextSigner(key, JWSAlgorithm.RS256, "edgeauth-edge");
    }

    static BenchTokens generate() throws JOSEException {
        return new BenchTokens(new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate());
    }

    /** A realistic context for user {@code i}: a few roles and scopes, a session id, one extra claim. */
    String context(int i) {
        return signer.mint(UserContext.builder().subject("user-" + i).name("User " + i)
                .email("user" + i + "@example.test").roles(Set.of("user", "orders-reader"))
                .scopes(Set.of("openid", "orders:read")).sessionId("session-" + i)
                .claims(Map.of("preferred_username", "user" + i)).build(), "edgeauth", LIFETIME);
    }

    /** The same claims as a MicroProfile JWT ({@code upn}, {@code groups}) from {@link #MP_JWT_ISSUER}. */
    String mpJwt(int i) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(MP_JWT_ISSUER).subject("user-" + i)
                .audience("edgeauth").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).claim("upn", "user-" + i).claim("name", "User " + i)
                .claim("email", "user" + i + "@example.test").claim("groups", List.of("user", "orders-reader"))
                .claim("scope", "openid orders:read").claim("sid", "session-" + i)
                .claim("preferred_username", "user" + i).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** {@code token} with its signature changed: what an attacker who cannot sign sends. */
    static String tampered(String token) {
        int last = token.length() - 2;
        char changed = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + changed + token.charAt(last + 1);
    }

    /** The public JWK set (backends), the private one (the edge) and the public key in PEM (MP-JWT). */
    record KeyPaths(Path publicJwks, Path privateJwks, Path publicPem) {
    }

    KeyPaths write(Path dir) throws IOException, JOSEException {
        Files.createDirectories(dir);
        Path publicJwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Path privateJwks = Files.writeString(dir.resolve("signing-key.json"), new JWKSet(key).toString(false));
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path publicPem = Files.writeString(dir.resolve("public.pem"), pem);
        return new KeyPaths(publicJwks, privateJwks, publicPem);
    }
}
