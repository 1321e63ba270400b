package io.github.edgeauth.filter;

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
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks one compact JWS against {@link TokenRules}, strictly and in a fixed order: size, shape, header
 * (algorithm, embedded keys, {@code crit}, {@code typ}), key, signature, then claims. Claims are read only
 * after the signature verified. Keys come only from the configured source, never from the token.
 */
final class TokenVerifier {
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    private final TokenRules rules;
    private final JWKSource<SecurityContext> keys;
    private final Clock clock;

    TokenVerifier(TokenRules rules, JWKSource<SecurityContext> keys, Clock clock) {
        this.rules = rules;
        this.keys = keys;
        this.clock = clock;
    }

    TokenRules rules() {
        return rules;
    }

    /** Verifies {@code token}; on success {@code mapper} turns its claims into the identity. */
    Verification verify(String token, Function<JWTClaimsSet, UserContext> mapper) {
        if (token.length() > TokenRules.MAX_TOKEN_LENGTH) {
            return Verification.Rejected.of(ReasonCode.TOKEN_TOO_LARGE);
        }
        if (!isCompactSerialization(token)) {
            return Verification.Rejected.of(ReasonCode.MALFORMED);
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            return Verification.Rejected.of(ReasonCode.MALFORMED);
        }
        if (parsed instanceof PlainJWT) {
            return Verification.Rejected.of(ReasonCode.UNSIGNED);
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            return Verification.Rejected.of(ReasonCode.MALFORMED);
        }
        JWSHeader header = jwt.getHeader();
        Optional<String> kid = Optional.ofNullable(header.getKeyID());
        ReasonCode headerProblem = checkHeader(header);
        if (headerProblem != null) {
            return new Verification.Rejected(headerProblem, kid, Optional.empty());
        }

        List<JWK> candidates;
        try {
            candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        } catch (RateLimitReachedException e) {
            // Unknown kid and the key set was refreshed less than the minimum interval ago.
            return new Verification.Rejected(ReasonCode.UNKNOWN_KEY, kid, Optional.empty());
        } catch (KeySourceException | RuntimeException e) {
            return new Verification.Rejected(ReasonCode.KEYS_UNAVAILABLE, kid, Optional.empty());
        }
        if (candidates == null || candidates.isEmpty()) {
            return new Verification.Rejected(ReasonCode.UNKNOWN_KEY, kid, Optional.empty());
        }
        if (!verifiesWithAny(jwt, candidates)) {
            return new Verification.Rejected(ReasonCode.BAD_SIGNATURE, kid, Optional.empty());
        }

        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Verification.Rejected(ReasonCode.MALFORMED, kid, Optional.empty());
        }
        Optional<String> subject = Optional.ofNullable(claims.getSubject()).filter(s -> !s.isBlank());
        ReasonCode claimProblem = checkClaims(claims, subject.isPresent());
        if (claimProblem != null) {
            return new Verification.Rejected(claimProblem, kid, subject);
        }
        try {
            return new Verification.Accepted(mapper.apply(claims), kid);
        } catch (RuntimeException e) {
            // A claim of the wrong JSON type (roles as a number, say): the token is well signed but unusable.
            return new Verification.Rejected(ReasonCode.MALFORMED, kid, subject);
        }
    }

    /** Three non-empty-headed base64url parts and nothing else: what a compact JWS looks like. */
    private static boolean isCompactSerialization(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return dots == 2 && token.charAt(0) != '.';
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

    private static boolean verifiesWithAny(SignedJWT jwt, List<JWK> candidates) {
        for (JWK candidate : candidates) {
            if (!(candidate instanceof AsymmetricJWK asymmetric)) {
                continue;
            }
            try {
                Key key = asymmetric.toPublicKey();
                JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // Wrong key type or size for this algorithm: try the next candidate.
            }
        }
        return false;
    }

    private ReasonCode checkClaims(JWTClaimsSet claims, boolean hasSubject) {
        if (!rules.issuer().equals(claims.getIssuer())) {
            return ReasonCode.WRONG_ISSUER;
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(rules.audience())) {
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
