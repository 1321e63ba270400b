package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks one compact JWS against {@link TokenRules}, strictly and in a fixed order: size, shape, header
 * (algorithm, embedded keys, {@code crit}, {@code typ}), key, signature, then claims. Claims are read only
 * after the signature verified. Keys come only from the configured source, never from the token.
 */
final class TokenVerifier {
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();
    private static final int MAX_RESOLVED = 64;
    /** How long a found key's verifiers are reused before the key source is asked again. */
    static final Duration RESOLVED_TIME_TO_LIVE = Duration.ofSeconds(60);

    private final TokenRules rules;
    private final JWKSource<SecurityContext> keys;
    private final Clock clock;
    private final Map<KeyRef, Resolved> resolved = new ConcurrentHashMap<>();

    TokenVerifier(TokenRules rules, JWKSource<SecurityContext> keys, Clock clock) {
        this.rules = rules;
        this.keys = keys;
        this.clock = clock;
    }

    /** Verifies {@code token}; on success {@code mapper} turns its claims into the identity. */
    VerificationResult verify(String token, Function<JWTClaimsSet, UserContext> mapper) {
        Form form = form(token);
        if (form.problem() != null) {
            return VerificationResult.Rejected.of(form.problem());
        }
        SignedJWT jwt = form.jwt();
        JWSHeader header = jwt.getHeader();
        Optional<String> kid = Optional.ofNullable(header.getKeyID());
        ReasonCode headerProblem = checkHeader(header);
        if (headerProblem != null) {
            return new VerificationResult.Rejected(headerProblem, kid, Optional.empty());
        }

        List<JWSVerifier> candidates;
        try {
            candidates = verifiersFor(header);
        } catch (RateLimitReachedException e) {
            // Unknown kid and the key set was refreshed less than the minimum interval ago.
            return new VerificationResult.Rejected(ReasonCode.UNKNOWN_KEY, kid, Optional.empty());
        } catch (KeySourceException | RuntimeException e) {
            return new VerificationResult.Rejected(ReasonCode.KEYS_UNAVAILABLE, kid, Optional.empty());
        }
        if (candidates.isEmpty()) {
            return new VerificationResult.Rejected(ReasonCode.UNKNOWN_KEY, kid, Optional.empty());
        }
        if (!verifiesWithAny(jwt, candidates)) {
            return new VerificationResult.Rejected(ReasonCode.BAD_SIGNATURE, kid, Optional.empty());
        }

        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new VerificationResult.Rejected(ReasonCode.MALFORMED, kid, Optional.empty());
        }
        Optional<String> subject = Optional.ofNullable(claims.getSubject()).filter(s -> !s.isBlank());
        boolean identified = subject.isPresent() || rules.sessionIdSuffices()
                && claims.getClaim(ClaimMapping.SESSION_ID) instanceof String sid && !sid.isBlank();
        if (rules.accessTokensOnly() && TokenRules.NOT_IN_ACCESS_TOKENS.stream().anyMatch(c -> claims.getClaim(c) != null)) {
            return new VerificationResult.Rejected(ReasonCode.WRONG_TYPE, kid, subject);
        }
        ReasonCode claimProblem = checkClaims(claims, identified);
        if (claimProblem != null) {
            return new VerificationResult.Rejected(claimProblem, kid, subject, mismatch(claimProblem, claims));
        }
        try {
            return new VerificationResult.Accepted(mapper.apply(claims), kid);
        } catch (RuntimeException e) {
            // The claims cannot make an identity: the token is well signed but unusable. (A role or scope claim
            // of the wrong JSON type is not this case: ClaimValues reads it as no roles or scopes.)
            return new VerificationResult.Rejected(ReasonCode.MALFORMED, kid, subject);
        }
    }

    /** A token parsed as a signed JWT, or why it is not one ({@code jwt} is null then). */
    record Form(SignedJWT jwt, ReasonCode problem) {
    }

    /** What the token's form says, judged without any key: too large, not a compact JWS, unsigned, or fine. */
    static Form form(String token) {
        if (token.length() > TokenRules.MAX_TOKEN_LENGTH) {
            return new Form(null, ReasonCode.TOKEN_TOO_LARGE);
        }
        if (!isCompactSerialization(token)) {
            return new Form(null, ReasonCode.MALFORMED);
        }
        try {
            return new Form(SignedJWT.parse(token), null);
        } catch (ParseException | RuntimeException e) {
            return new Form(null, notSigned(token));
        }
    }

    /** Why a token that is not a JWS was refused: unsigned ({@code alg: none}) or just malformed. */
    private static ReasonCode notSigned(String token) {
        try {
            return JWTParser.parse(token) instanceof PlainJWT ? ReasonCode.UNSIGNED : ReasonCode.MALFORMED;
        } catch (ParseException | RuntimeException e) {
            return ReasonCode.MALFORMED;
        }
    }

    /** Exactly two dots with something before the first: the outline of a compact JWS. */
    private static boolean isCompactSerialization(String token) {
        int first = token.indexOf('.');
        if (first <= 0) {
            return false;
        }
        int second = token.indexOf('.', first + 1);
        return second > 0 && token.indexOf('.', second + 1) < 0;
    }

    private ReasonCode checkHeader(JWSHeader header) {
        JWSAlgorithm alg = header.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            return ReasonCode.SYMMETRIC_ALGORITHM;
        }
        if (!rules.algorithms().contains(alg)) {
            return ReasonCode.ALGORITHM_NOT_ALLOWED;
        }
        if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            return ReasonCode.EMBEDDED_KEY;
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return ReasonCode.UNKNOWN_CRITICAL_HEADER;
        }
        if (header.getType() == null) {
            return rules.acceptMissingType() ? null : ReasonCode.WRONG_TYPE;
        }
        return rules.types().contains(header.getType()) ? null : ReasonCode.WRONG_TYPE;
    }

    private static boolean verifiesWithAny(SignedJWT jwt, List<JWSVerifier> candidates) {
        for (JWSVerifier verifier : candidates) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // Wrong key size for this algorithm: try the next candidate.
            }
        }
        return false;
    }

    /**
     * The verifiers for the keys a header names ({@code kid} and algorithm). Selecting keys from the source
     * and turning a JWK into a Java key decode big numbers and cost about as much as a tenth of an RS256
     * verification, so a found key's verifiers are kept for {@link #RESOLVED_TIME_TO_LIVE}: a key removed from
     * a JWKS URL stops verifying that much later than the source itself notices. Unknown kids are never kept,
     * so they always reach the source and its refresh rate limit. Bounded; emptied when full.
     */
    private List<JWSVerifier> verifiersFor(JWSHeader header) throws KeySourceException {
        KeyRef ref = new KeyRef(header.getKeyID(), header.getAlgorithm());
        long now = clock.millis();
        Resolved hit = resolved.get(ref);
        if (hit != null && hit.validUntilMillis() > now) {
            return hit.verifiers();
        }
        List<JWK> keys = this.keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        List<JWSVerifier> verifiers = new ArrayList<>();
        for (JWK key : keys == null ? List.<JWK>of() : keys) {
            if (key instanceof AsymmetricJWK asymmetric) {
                try {
                    Key publicKey = asymmetric.toPublicKey();
                    verifiers.add(VERIFIERS.createJWSVerifier(new JWSHeader(header.getAlgorithm()), publicKey));
                } catch (JOSEException e) {
                    // Not a key for this algorithm: leave it out.
                }
            }
        }
        if (!verifiers.isEmpty()) {
            if (resolved.size() >= MAX_RESOLVED) {
                resolved.clear();
            }
            resolved.put(ref, new Resolved(List.copyOf(verifiers), now + RESOLVED_TIME_TO_LIVE.toMillis()));
        }
        return verifiers;
    }

    private record KeyRef(String kid, JWSAlgorithm alg) {
    }

    private record Resolved(List<JWSVerifier> verifiers, long validUntilMillis) {
    }

    /** For a wrong issuer or audience: the expected and the named issuer and audience; else nothing. */
    private Map<String, String> mismatch(ReasonCode reason, JWTClaimsSet claims) {
        if (reason != ReasonCode.WRONG_AUDIENCE && reason != ReasonCode.WRONG_ISSUER) {
            return Map.of();
        }
        Map<String, String> mismatch = new LinkedHashMap<>();
        mismatch.put("expected_issuer", rules.issuer());
        mismatch.put("issuer", claims.getIssuer() == null ? "" : claims.getIssuer());
        mismatch.put("expected_audience", rules.audience().orElse(""));
        mismatch.put("audience", claims.getAudience() == null ? "" : String.join(",", claims.getAudience()));
        return mismatch;
    }

    private ReasonCode checkClaims(JWTClaimsSet claims, boolean hasSubject) {
        if (!rules.issuer().equals(claims.getIssuer())) {
            return ReasonCode.WRONG_ISSUER;
        }
        List<String> audience = claims.getAudience();
        if (rules.audience().isPresent() && (audience == null || !audience.contains(rules.audience().get()))) {
            return ReasonCode.WRONG_AUDIENCE;
        }
        Instant now = clock.instant();
        long skew = rules.clockSkew().toMillis();
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.getTime() + skew <= now.toEpochMilli()) {
            return rules.expiredCode();
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() - skew > now.toEpochMilli()) {
            return ReasonCode.NOT_YET_VALID;
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.getTime() - skew > now.toEpochMilli()) {
            return ReasonCode.ISSUED_IN_FUTURE;
        }
        if (!hasSubject) {
            return ReasonCode.MISSING_SUBJECT;
        }
        return null;
    }
}
