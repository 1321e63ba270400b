package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the edge's signed user context: strict header and claim checks (see {@link ReasonCode}), keys only
 * from the configured source, and a bounded cache of already-verified tokens. Thread-safe; one per filter.
 */
public final class ContextVerifier {
    private final TokenVerifier verifier;
    private final ClaimMapping mapping;
    private final VerifiedTokenCache cache;
    private final Clock clock;
    private final Duration clockSkew;

    private ContextVerifier(Builder b) {
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        TokenRules rules = TokenRules.of(TokenKind.CONTEXT, b.issuer, b.audience, b.algorithms, b.clockSkew);
        this.verifier = new TokenVerifier(rules, b.keys, b.clock);
        this.mapping = b.mapping;
        this.cache = new VerifiedTokenCache(b.cacheSize);
    }

    /** A builder; keys, issuer and audience are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Verifies one context header value. Never throws for bad input. */
    public VerificationResult verify(String token) {
        Instant now = clock.instant();
        VerificationResult.Accepted hit = cache.get(token, now);
        if (hit != null) {
            return hit;
        }
        VerificationResult result;
        try {
            result = verifier.verify(token, mapping::user);
        } catch (RuntimeException e) {
            result = VerificationResult.Rejected.of(ReasonCode.MALFORMED);
        }
        if (result instanceof VerificationResult.Accepted accepted) {
            cache.put(token, accepted, accepted.context().expiresAt().plus(clockSkew), now);
        }
        return result;
    }

    /** How the cache of verified contexts has done so far. */
    public CacheStatistics cacheStatistics() {
        return cache.statistics();
    }

    /** Builds a {@link ContextVerifier}. */
    public static final class Builder {
        private JWKSource<SecurityContext> keys;
        private String issuer;
        private String audience;
        private Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.RS256);
        private Duration clockSkew = Duration.ofSeconds(60);
        private int cacheSize = 10_000;
        private ClaimMapping mapping = new ClaimMapping(ClaimMapping.ROLES);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder keys(JWKSource<SecurityContext> value) { this.keys = value; return this; }
        public Builder issuer(String value) { this.issuer = value; return this; }
        public Builder audience(String value) { this.audience = value; return this; }
        public Builder algorithms(Set<JWSAlgorithm> value) { this.algorithms = Set.copyOf(value); return this; }
        public Builder clockSkew(Duration value) { this.clockSkew = value; return this; }
        /** How many verified tokens to keep; 0 turns the cache off. */
        public Builder cacheSize(int value) { this.cacheSize = value; return this; }
        /** The claim holding roles, a string claim being one role: as {@code claimMapping(new ClaimMapping(value))}. */
        public Builder roleClaim(String value) { return claimMapping(new ClaimMapping(value)); }
        /** The claim holding roles, and whether a string role claim is space-separated. */
        public Builder claimMapping(ClaimMapping value) { this.mapping = Objects.requireNonNull(value); return this; }
        public Builder clock(Clock value) { this.clock = value; return this; }

        public ContextVerifier build() {
            if (keys == null || issuer == null || audience == null) {
                throw new IllegalStateException("keys, issuer and audience are required");
            }
            return new ContextVerifier(this);
        }
    }
}
