package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.http.LogSafe;
import io.github.edgeauth.core.internal.keys.OidcDiscovery;
import io.github.edgeauth.core.internal.keys.RemoteKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTParser;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Verifies the tokens an OIDC provider issues, one {@link TokenKind} per verifier, each made by a named factory:
 * issuer, audience, expiry, and the signature against the provider's JWKS, found through its discovery document
 * on first use. Discovery never runs at deployment, so a provider that is down does not stop a backend or the
 * edge from starting; after a failed attempt it is tried again at most once per
 * {@link RemoteKeys#MIN_REFRESH_INTERVAL}. Thread-safe; keeps a bounded cache of verified tokens.
 */
public final class ProviderTokenVerifier {
    private static final Logger LOG = Logger.getLogger(ProviderTokenVerifier.class.getName());
    /** How many verified access tokens a verifier keeps. */
    private static final int CACHE_SIZE = 10_000;

    private final TokenRules rules;
    private final Optional<URI> configuredJwksUrl;
    private final ClaimMapping mapping;
    private final ResourceRetriever retriever;
    private final Clock clock;
    private final VerifiedTokenCache cache;

    private TokenVerifier verifier;
    private Instant lastFailedDiscovery = Instant.MIN;

    ProviderTokenVerifier(TokenRules rules, Optional<URI> jwksUrl, ClaimMapping mapping, int cacheSize,
                          ResourceRetriever retriever, Clock clock) {
        this.rules = rules;
        this.configuredJwksUrl = jwksUrl;
        this.mapping = mapping;
        this.retriever = retriever;
        this.clock = clock;
        this.cache = new VerifiedTokenCache(cacheSize);
    }

    /**
     * Service tokens a backend takes from calling services ({@link TokenKind#SERVICE_TOKEN}).
     *
     * @param jwksUrl   the JWKS URL, or empty to find it by discovery
     * @param retriever fetches the discovery document and the keys (the filter counts its fetches)
     */
    public static ProviderTokenVerifier serviceTokens(String issuer, String audience, Set<JWSAlgorithm> algorithms,
                                                      Optional<URI> jwksUrl, Duration clockSkew, ClaimMapping mapping,
                                                      int cacheSize, ResourceRetriever retriever, Clock clock) {
        return new ProviderTokenVerifier(TokenRules.of(TokenKind.SERVICE_TOKEN, issuer, audience, algorithms, clockSkew),
                jwksUrl, mapping, cacheSize, retriever, clock);
    }

    /** API clients' access tokens sent to the edge ({@link TokenKind#EDGE_BEARER_TOKEN}), keys by discovery. */
    public static ProviderTokenVerifier edgeBearerTokens(String issuer, String audience, Set<JWSAlgorithm> algorithms,
                                                         ClaimMapping mapping, Duration clockSkew) {
        return new ProviderTokenVerifier(TokenRules.of(TokenKind.EDGE_BEARER_TOKEN, issuer, audience, algorithms,
                clockSkew), Optional.empty(), mapping, CACHE_SIZE, RemoteKeys.retriever(), Clock.systemUTC());
    }

    /**
     * Back-channel logout tokens posted to the edge ({@link TokenKind#LOGOUT_TOKEN}); an accepted token without
     * {@code sub} has an empty subject. Never cached: each is used once.
     */
    public static ProviderTokenVerifier logoutTokens(String issuer, String clientId, Set<JWSAlgorithm> algorithms,
                                                     Duration clockSkew) {
        return new ProviderTokenVerifier(TokenRules.of(TokenKind.LOGOUT_TOKEN, issuer, clientId, algorithms, clockSkew),
                Optional.empty(), new ClaimMapping("roles"), 0, RemoteKeys.retriever(), Clock.systemUTC());
    }

    /** The access tokens the edge received itself at sign-in and refresh ({@link TokenKind#SESSION_ACCESS_TOKEN}). */
    public static ProviderTokenVerifier sessionAccessTokens(String issuer, Set<JWSAlgorithm> algorithms,
                                                            ClaimMapping mapping, Duration clockSkew) {
        return new ProviderTokenVerifier(TokenRules.anyAudience(TokenKind.SESSION_ACCESS_TOKEN, issuer, algorithms,
                clockSkew), Optional.empty(), mapping, CACHE_SIZE, RemoteKeys.retriever(), Clock.systemUTC());
    }

    /** Verifies one token; the identity's {@code callingService} is the token's client. Never throws. */
    public VerificationResult verify(String token) {
        Instant now = clock.instant();
        VerificationResult.Accepted hit = cache.get(token, now);
        if (hit != null) {
            return hit;
        }
        TokenVerifier current = verifier();
        if (current == null) {
            // Without keys nothing verifies; still, a token whose form is wrong is named for what it is.
            ReasonCode formProblem = TokenVerifier.form(token).problem();
            return VerificationResult.Rejected.of(formProblem != null ? formProblem : ReasonCode.KEYS_UNAVAILABLE);
        }
        VerificationResult result;
        try {
            result = current.verify(token, mapping::service);
        } catch (RuntimeException e) {
            result = VerificationResult.Rejected.of(ReasonCode.MALFORMED);
        }
        if (result instanceof VerificationResult.Accepted accepted) {
            cache.put(token, accepted, accepted.context().expiresAt().plus(rules.clockSkew()), now);
        }
        return result;
    }

    /** How the cache of verified tokens has done so far. */
    public CacheStatistics cacheStatistics() {
        return cache.statistics();
    }

    /**
     * Whether {@code token} is a JWT whose (unverified) {@code iss} is this verifier's issuer. It only decides
     * who judges the token; nothing read here is trusted.
     */
    public boolean claimsToBeFromIssuer(String token) {
        try {
            return rules.issuer().equals(JWTParser.parse(token).getJWTClaimsSet().getIssuer());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private synchronized TokenVerifier verifier() {
        if (verifier != null) {
            return verifier;
        }
        Instant now = clock.instant();
        if (lastFailedDiscovery.plus(RemoteKeys.MIN_REFRESH_INTERVAL).isAfter(now)) {
            return null;
        }
        try {
            URI jwksUrl = configuredJwksUrl.isPresent() ? configuredJwksUrl.get() : discoverJwksUrl();
            JWKSource<SecurityContext> keys = RemoteKeys.at(jwksUrl, retriever, RemoteKeys.CACHE_TIME_TO_LIVE, clock);
            verifier = new TokenVerifier(rules, keys, clock);
            return verifier;
        } catch (IOException | RuntimeException e) {
            lastFailedDiscovery = now;
            LOG.warning(() -> "edgeauth service-token discovery failed issuer=" + LogSafe.clean(rules.issuer())
                    + " problem=" + LogSafe.clean(e.getMessage()));
            return null;
        }
    }

    private URI discoverJwksUrl() throws IOException {
        URI discovery = OidcDiscovery.documentOf(rules.issuer());
        String body = retriever.retrieveResource(discovery.toURL()).getContent();
        try {
            Map<String, Object> document = JSONObjectUtils.parse(body);
            String issuer = JSONObjectUtils.getString(document, "issuer");
            if (!rules.issuer().equals(issuer)) {
                throw new IOException("the discovery document names another issuer");
            }
            URI jwksUri = JSONObjectUtils.getURI(document, "jwks_uri");
            if (jwksUri == null || jwksUri.getScheme() == null || !jwksUri.getScheme().startsWith("http")) {
                throw new IOException("the discovery document has no http(s) jwks_uri");
            }
            if (jwksUri.getScheme().equals("http") && rules.issuer().startsWith("https:")) {
                // An https issuer that sends its keys over plain HTTP would undo the check on the issuer's URL.
                throw new IOException("the discovery document of an https issuer names a plain-http jwks_uri");
            }
            return jwksUri;
        } catch (ParseException e) {
            throw new IOException("the discovery document is not valid JSON");
        }
    }
}
