package io.github.edgeauth.benchmarks;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;
import io.github.edgeauth.core.internal.token.ContextVerifier;
import io.github.edgeauth.core.internal.token.VerificationResult;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the filter pays per request to verify a user context, against the baseline of raw nimbus
 * ({@code SignedJWT.parse}, {@code verify}, claims) with the same key and the same tokens, in the same run.
 * A miss verifies for real (the cache is smaller than the token pool, so no lookup ever hits); a hit is
 * the edge re-sending the context it sent a moment ago.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContextVerificationBenchmark {
    private static final int POOL = 1024;

    @Param({"RS256", "PS256", "ES256"})
    public String algorithm;

    private String[] tokens;
    private int next;
    private JWSVerifier rawVerifier;
    private ContextVerifier missing;
    private ContextVerifier caching;
    private byte[] hitBytes;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key = JWSAlgorithm.Family.EC.contains(alg)
                ? new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate()
                : new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        ContextSigner signer = new ContextSigner(key, alg, "edgeauth-edge");
        tokens = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            // A realistic context: a few roles and scopes, a session id, one extra claim.
            tokens[i] = signer.mint(UserContext.builder().subject("user-" + i).name("User " + i)
                    .email("user" + i + "@example.test").roles(Set.of("user", "orders-reader"))
                    .scopes(Set.of("openid", "orders:read")).sessionId("session-" + i)
                    .claims(Map.of("preferred_username", "user" + i)).build(), "edgeauth", Duration.ofHours(1));
        }
        rawVerifier = new DefaultJWSVerifierFactory().createJWSVerifier(
                new com.nimbusds.jose.JWSHeader(alg), ((AsymmetricJWK) key).toPublicKey());
        ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext> keys =
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
        missing = ContextVerifier.builder().keys(keys).issuer("edgeauth-edge").audience("edgeauth")
                .algorithms(Set.of(alg)).cacheSize(POOL / 16).build();
        caching = ContextVerifier.builder().keys(keys).issuer("edgeauth-edge").audience("edgeauth")
                .algorithms(Set.of(alg)).build();
        caching.verify(tokens[0]);
        hitBytes = tokens[0].getBytes(StandardCharsets.ISO_8859_1);
    }

    private String nextToken() {
        String token = tokens[next];
        next = (next + 1) & (POOL - 1);
        return token;
    }

    /** The baseline: parse, verify the signature, parse the claims. */
    @Benchmark
    public JWTClaimsSet rawNimbus() throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(nextToken());
        if (!jwt.verify(rawVerifier)) {
            throw new IllegalStateException("baseline failed to verify");
        }
        return jwt.getJWTClaimsSet();
    }

    /** Full strict verification, a cache lookup that misses, and the insert. */
    @Benchmark
    public VerificationResult edgeauthMiss() {
        VerificationResult result = missing.verify(nextToken());
        if (!(result instanceof VerificationResult.Accepted)) {
            throw new IllegalStateException("edgeauth rejected " + result);
        }
        return result;
    }

    /**
     * The same context again: a cache hit that still checks expiry. Each call gets a new String decoded from
     * the header bytes, as a servlet container hands one per request, so the hash is computed every time.
     */
    @Benchmark
    public VerificationResult edgeauthHit() {
        return caching.verify(new String(hitBytes, StandardCharsets.ISO_8859_1));
    }
}
