package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the tokens one verifier takes must look like: their {@link TokenKind}, who signs them, for whom, with which
 * algorithms, and how much clock skew is forgiven.
 *
 * @param audience the audience tokens must carry; empty only for a kind that checks none
 */
record TokenRules(TokenKind kind, String issuer, Optional<String> audience, Set<JWSAlgorithm> algorithms,
                  Duration clockSkew) {

    /** The longest credential accepted, in characters: 8 KiB. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    /**
     * Claims that mark an ID token ({@code nonce}, {@code at_hash}, {@code c_hash}, OIDC Core 2) or a logout
     * token ({@code events}, OIDC Back-Channel Logout 2.4). Both carry the client id as audience and are
     * signed by the provider's keys, so without this check they would pass for access tokens; and the ID token
     * travels in logout URLs, where browser history and logs keep it.
     */
    static final Set<String> NOT_IN_ACCESS_TOKENS = Set.of("nonce", "at_hash", "c_hash", "events");

    TokenRules {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuer, "issuer");
        algorithms = Set.copyOf(algorithms);
        if (kind.audienceChecked() != audience.isPresent()) {
            throw new IllegalArgumentException(kind + (kind.audienceChecked() ? " needs" : " takes no") + " audience");
        }
    }

    /** Rules for {@code kind}, whose tokens must name {@code audience}. */
    static TokenRules of(TokenKind kind, String issuer, String audience, Set<JWSAlgorithm> algorithms,
                         Duration clockSkew) {
        return new TokenRules(kind, issuer, Optional.of(audience), algorithms, clockSkew);
    }

    /** Rules for {@code kind}, which checks no audience ({@link TokenKind#SESSION_ACCESS_TOKEN}). */
    static TokenRules anyAudience(TokenKind kind, String issuer, Set<JWSAlgorithm> algorithms, Duration clockSkew) {
        return new TokenRules(kind, issuer, Optional.empty(), algorithms, clockSkew);
    }

    Set<JOSEObjectType> types() {
        return kind.types();
    }

    boolean acceptMissingType() {
        return kind.acceptsMissingType();
    }

    ReasonCode expiredCode() {
        return kind.expiredCode();
    }

    boolean sessionIdSuffices() {
        return kind.sessionIdSuffices();
    }

    boolean accessTokensOnly() {
        return kind.accessTokensOnly();
    }
}
