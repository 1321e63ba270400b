package io.github.edgeauth.core.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.keys.RemoteKeys;
import com.nimbusds.jose.JWSAlgorithm;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies JWT access tokens issued by an OIDC provider (issuer, audience, expiry, signature against the
 * JWKS from its discovery document, fetched on first use and never at construction). The backend filter
 * uses it for service tokens; the edge for API clients that send {@code Authorization: Bearer}.
 * Thread-safe; keeps a bounded cache of verified tokens.
 */
public final class AccessTokenVerifier {
    private final ServiceTokenVerifier verifier;

    private AccessTokenVerifier(ServiceTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @param issuer    the provider's issuer, exactly as in its tokens
     * @param audience  the audience tokens must carry
     * @param roleClaim the claim (or dotted path) holding roles; a string claim is one role
     * @param jwksUrl   the JWKS URL, or empty to find it by discovery
     */
    public static AccessTokenVerifier create(String issuer, String audience, Set<JWSAlgorithm> algorithms,
                                             String roleClaim, Optional<URI> jwksUrl, Duration clockSkew) {
        return create(issuer, audience, algorithms, new ClaimMapping(roleClaim), jwksUrl, clockSkew);
    }

    /** As {@link #create(String, String, Set, String, Optional, Duration)}, with roles read as {@code mapping} says. */
    public static AccessTokenVerifier create(String issuer, String audience, Set<JWSAlgorithm> algorithms,
                                             ClaimMapping mapping, Optional<URI> jwksUrl, Duration clockSkew) {
        return new AccessTokenVerifier(new ServiceTokenVerifier(issuer, audience, Set.copyOf(algorithms), jwksUrl,
                clockSkew, mapping, 10_000, RemoteKeys.retriever(), Clock.systemUTC()));
    }

    /**
     * A verifier for OIDC back-channel logout tokens ({@code typ} {@code logout+jwt} or {@code JWT}) sent by
     * the provider to a client: audience is the client id, and {@code sub} or {@code sid} (or both) name whom
     * to log out; an accepted token without {@code sub} has an empty subject. Its caller checks the
     * {@code events} claim.
     */
    public static AccessTokenVerifier forLogoutTokens(String issuer, String clientId, Set<JWSAlgorithm> algorithms,
                                                      Duration clockSkew) {
        TokenRules rules = new TokenRules(issuer, clientId, Set.copyOf(algorithms),
                ServiceTokenVerifier.LOGOUT_TOKEN_TYPES, true, clockSkew, ReasonCode.TOKEN_EXPIRED, true, false);
        return new AccessTokenVerifier(new ServiceTokenVerifier(rules, Optional.empty(), new ClaimMapping("roles"), 0,
                RemoteKeys.retriever(), Clock.systemUTC()));
    }

    /**
     * A verifier for the access tokens the edge itself received from the provider's token endpoint at login
     * and refresh: issuer, expiry and signature against the provider's keys, any audience (providers give
     * their own access tokens audiences such as {@code account}). It lets the edge read role and scope claims
     * that some providers (Keycloak by default) put only in the access token.
     */
    public static AccessTokenVerifier forSessionAccessTokens(String issuer, Set<JWSAlgorithm> algorithms,
                                                             String roleClaim, Duration clockSkew) {
        return forSessionAccessTokens(issuer, algorithms, new ClaimMapping(roleClaim), clockSkew);
    }

    /** As {@link #forSessionAccessTokens(String, Set, String, Duration)}, with roles read as {@code mapping} says. */
    public static AccessTokenVerifier forSessionAccessTokens(String issuer, Set<JWSAlgorithm> algorithms,
                                                             ClaimMapping mapping, Duration clockSkew) {
        TokenRules rules = new TokenRules(issuer, null, Set.copyOf(algorithms), ServiceTokenVerifier.ACCESS_TOKEN_TYPES,
                true, clockSkew, ReasonCode.TOKEN_EXPIRED, false, false);
        return new AccessTokenVerifier(new ServiceTokenVerifier(rules, Optional.empty(), mapping,
                10_000, RemoteKeys.retriever(), Clock.systemUTC()));
    }

    /** Verifies one bearer token; the identity's {@code callingService} is the token's client. Never throws. */
    public VerificationResult verify(String token) {
        return verifier.verify(token);
    }
}
