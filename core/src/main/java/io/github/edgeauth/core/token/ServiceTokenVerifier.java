package io.github.edgeauth.core.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.http.LogSafe;
import io.github.edgeauth.core.keys.OidcDiscovery;
import io.github.edgeauth.core.keys.RemoteKeys;
import com.nimbusds.jose.JOSEObjectType;
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
 * Verifies IdP-issued service tokens (client_credentials access tokens as JWTs): issuer, audience, expiry,
 * and the signature against the IdP's JWKS, found through its discovery document on first use. Discovery
 * never runs at deployment, so a provider that is down does not stop a backend from starting; after a
 * failed attempt it is tried again at most once per {@link RemoteKeys#MIN_REFRESH_INTERVAL}.
 */
public final class ServiceTokenVerifier {
    private static final Logger LOG = Logger.getLogger(ServiceTokenVerifier.class.getName());
    /** The {@code typ} headers of access tokens (RFC 9068), or none at all. */
    static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
            new JOSEObjectType("application/at+jwt"));
    /** The {@code typ} headers of OIDC back-channel logout tokens, or none at all. */
    static final Set<JOSEObjectType> LOGOUT_TOKEN_TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("logout+jwt"));

    private final TokenRules rules;
    private final Optional<URI> configuredJwksUrl;
    private final ClaimMapping mapping;
    private final ResourceRetriever retriever;
    private final Clock clock;
    private final VerifiedTokenCache cache;

    private TokenVerifier verifier;
    private Instant lastFailedDiscovery = Instant.MIN;

    public ServiceTokenVerifier(String issuer, String audience, Set<JWSAlgorithm> algorithms, Optional<URI> jwksUrl,
                         Duration clockSkew, ClaimMapping mapping, int cacheSize, ResourceRetriever retriever,
                         Clock clock) {
        this(new TokenRules(issuer, audience, algorithms, ACCESS_TOKEN_TYPES, true, clockSkew,
                ReasonCode.TOKEN_EXPIRED, false, true), jwksUrl, mapping, cacheSize, retriever, clock);
    }

    ServiceTokenVerifier(TokenRules rules, Optional<URI> jwksUrl, ClaimMapping mapping, int cacheSize,
                         ResourceRetriever retriever, Clock clock) {
        this.rules = rules;
        this.configuredJwksUrl = jwksUrl;
        this.mapping = mapping;
        this.retriever = retriever;
        this.clock = clock;
        this.cache = new VerifiedTokenCache(cacheSize);
    }

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

    /** How the cache of verified service tokens has done so far. */
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
