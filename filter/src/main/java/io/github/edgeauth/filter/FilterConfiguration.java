package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.http.PathPattern;
import io.github.edgeauth.core.internal.keys.KeyFiles;
import io.github.edgeauth.core.internal.keys.RemoteKeys;
import io.github.edgeauth.core.internal.metrics.CountingRetriever;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import io.github.edgeauth.core.internal.token.Algorithms;
import io.github.edgeauth.core.internal.token.ClaimMapping;
import io.github.edgeauth.core.internal.token.ContextVerifier;
import io.github.edgeauth.core.internal.token.ProviderTokenVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The filter's settings, read and checked once at {@code init}. Building it fails with a
 * {@link ConfigurationException} naming the first wrong setting. A filter switched off
 * ({@link #switchedOff}) has none: nothing else is read.
 *
 * @param development development mode ({@code edgeauth.filter.development}): plain-http key and issuer URLs on
 *                    any host, not only on loopback
 */
record FilterConfiguration(Policy policy, PathPolicy paths, String principalClaim,
                           String contextHeader, ContextVerifier contexts,
                           Optional<ProviderTokenVerifier> serviceTokens, RoleMapping roleMapping,
                           boolean containerSecurity, FilterMetrics metrics, boolean development, String roleClaim) {
    /** The shortest {@code edgeauth.context.jwks-cache-time}: nimbus refreshes 30 s ahead of it. */
    static final Duration MIN_JWKS_CACHE_TIME = Duration.ofSeconds(60);

    /**
     * The servlet-context attribute under which {@link DeploymentCheck} keeps the configuration it checked for
     * the filter named {@code filterName}, so the filter and the container's authentication mechanism use that
     * one instance (one read, one key source, one cache) instead of reading the settings again.
     */
    static String attributeFor(String filterName) {
        return FilterConfiguration.class.getName() + "." + filterName;
    }

    /** What the filter does with a request that carries no edgeauth credential ({@code edgeauth.filter.policy}). */
    enum Policy {
        /** Refused with 401. */
        REQUIRED,
        /** Passed on as anonymous. */
        OPTIONAL,
        /**
         * Passed on as anonymous, and a bearer token that does not claim to come from the service issuer counts
         * as no credential: it is left to the WAR's own checks (the rollout phase, when old tokens still work).
         */
        ALONGSIDE
    }

    /** True when a request without an identity is refused. */
    boolean identityRequired() {
        return policy == Policy.REQUIRED;
    }

    /**
     * True when {@code edgeauth.filter.enabled=false}. Then no other setting is read, the key source
     * included: an admin taking edgeauth out of a WAR (a rollback) needs to set this one setting and nothing
     * else, and a setting left half-done cannot stop the deployment.
     */
    static boolean switchedOff(Settings settings) {
        return !settings.bool(FilterSettings.ENABLED);
    }

    /** The settings of a filter that is switched on; {@link #switchedOff} is asked first. */
    static FilterConfiguration read(Settings settings) {
        return read(settings, Clock.systemUTC());
    }

    static FilterConfiguration read(Settings settings, Clock clock) {
        boolean development = settings.bool(FilterSettings.DEVELOPMENT);
        Policy policy = Policy.valueOf(settings.oneOf(FilterSettings.POLICY, List.of("required", "optional",
                "alongside")).toUpperCase(Locale.ROOT));
        PathPolicy paths = new PathPolicy(
                patterns(settings, FilterSettings.PUBLIC_PATHS),
                rules(settings, FilterSettings.REQUIRED_SCOPES),
                rules(settings, FilterSettings.REQUIRED_ROLES));
        String roleClaim = settings.required(FilterSettings.ROLE_CLAIM);
        boolean rolesSpaceSeparated = settings.bool(FilterSettings.ROLE_CLAIM_SEPARATED);
        ClaimMapping mapping;
        try {
            mapping = new ClaimMapping(roleClaim, rolesSpaceSeparated);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(FilterSettings.ROLE_CLAIM, e.getMessage());
        }
        String principalClaim = settings.required(FilterSettings.PRINCIPAL_CLAIM);
        String header = settings.required(FilterSettings.CONTEXT_HEADER);
        if (!header.matches("[A-Za-z0-9-]+")) {
            throw new ConfigurationException(FilterSettings.CONTEXT_HEADER, "must be an HTTP header name");
        }
        Duration skew = settings.duration(FilterSettings.CONTEXT_CLOCK_SKEW);
        int cacheSize = settings.integer(FilterSettings.CONTEXT_CACHE_SIZE, 0);

        CountingRetriever keyFetches = new CountingRetriever(RemoteKeys.retriever());
        ContextVerifier contexts = ContextVerifier.builder()
                .keys(contextKeys(settings, keyFetches, development, clock))
                .issuer(settings.required(FilterSettings.CONTEXT_ISSUER))
                .audience(settings.required(FilterSettings.CONTEXT_AUDIENCE))
                .algorithms(Algorithms.read(settings, FilterSettings.CONTEXT_ALGORITHMS))
                .clockSkew(skew)
                .cacheSize(cacheSize)
                .claimMapping(mapping)
                .clock(clock)
                .build();

        Optional<URI> serviceIssuer = secureUrl(settings, FilterSettings.SERVICE_ISSUER, development);
        Optional<ProviderTokenVerifier> serviceTokens = serviceIssuer.map(issuer -> {
            String audience = settings.optional(FilterSettings.SERVICE_AUDIENCE).orElseThrow(() ->
                    new ConfigurationException(FilterSettings.SERVICE_AUDIENCE,
                            "is required when " + FilterSettings.SERVICE_ISSUER.name() + " is set"));
            return ProviderTokenVerifier.serviceTokens(settings.required(FilterSettings.SERVICE_ISSUER), audience,
                    Algorithms.read(settings, FilterSettings.SERVICE_ALGORITHMS),
                    secureUrl(settings, FilterSettings.SERVICE_JWKS_URL, development), skew, mapping, cacheSize,
                    keyFetches, clock);
        });
        return new FilterConfiguration(policy, paths, principalClaim, header, contexts, serviceTokens,
                RoleMapping.read(settings), settings.bool(FilterSettings.CONTAINER_SECURITY),
                new FilterMetrics(new RejectionCounts(), keyFetches, contexts, serviceTokens), development, roleClaim);
    }

    private static List<PathPattern> patterns(Settings settings, Setting setting) {
        try {
            return settings.list(setting).stream().map(PathPattern::new).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting, e.getMessage());
        }
    }

    private static List<PathPolicy.Rule> rules(Settings settings, Setting setting) {
        try {
            return settings.optional(setting).map(PathPolicy::parseRules).orElse(List.of());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting, e.getMessage());
        }
    }

    /**
     * {@code setting} as a URL, when set: plain http only on a loopback host or in development mode, since keys
     * and issuers fetched over plain HTTP on a real network can be swapped by anyone on the path.
     */
    private static Optional<URI> secureUrl(Settings settings, Setting setting, boolean development) {
        return settings.optional(setting).map(value -> settings.secureUrl(setting, value, development));
    }

    /** The one configured key source for contexts; public keys only; a JWKS URL's cache runs on {@code clock}. */
    static JWKSource<SecurityContext> contextKeys(Settings settings, CountingRetriever keyFetches,
                                                  boolean development, Clock clock) {
        List<Setting> set = FilterSettings.KEY_SOURCES.stream().filter(s -> settings.raw(s).isPresent()).toList();
        if (set.isEmpty()) {
            throw new ConfigurationException(FilterSettings.CONTEXT_JWKS_URL, "no key source for the user context: "
                    + "set this (the edge's /.well-known/edgeauth/jwks.json) or one of "
                    + FilterSettings.CONTEXT_JWKS_FILE.name() + ", " + FilterSettings.CONTEXT_PEM_FILE.name() + ", "
                    + FilterSettings.CONTEXT_KEYSTORE_FILE.name());
        }
        if (set.size() > 1) {
            throw new ConfigurationException(set.get(1), "only one key source may be set, and "
                    + set.get(0).name() + " is set too");
        }
        Setting source = set.get(0);
        if (settings.raw(FilterSettings.CONTEXT_KEYSTORE_ALIASES).isPresent()
                && source != FilterSettings.CONTEXT_KEYSTORE_FILE) {
            throw new ConfigurationException(FilterSettings.CONTEXT_KEYSTORE_ALIASES, "applies only with "
                    + FilterSettings.CONTEXT_KEYSTORE_FILE.name() + ", and " + source.name() + " is set instead");
        }
        if (source == FilterSettings.CONTEXT_JWKS_URL) {
            Duration cacheTime = settings.duration(FilterSettings.CONTEXT_JWKS_CACHE_TIME);
            if (cacheTime.compareTo(MIN_JWKS_CACHE_TIME) < 0) {
                throw new ConfigurationException(FilterSettings.CONTEXT_JWKS_CACHE_TIME, "must be at least "
                        + MIN_JWKS_CACHE_TIME.toSeconds() + "s");
            }
            return RemoteKeys.at(secureUrl(settings, source, development).orElseThrow(), keyFetches, cacheTime,
                    clock);
        }
        Path file = Path.of(settings.required(source));
        if (!Files.isReadable(file)) {
            throw new ConfigurationException(source, "file " + file + " cannot be read");
        }
        List<JWK> keys;
        try {
            if (source == FilterSettings.CONTEXT_JWKS_FILE) {
                keys = KeyFiles.jwkSetFile(file);
            } else if (source == FilterSettings.CONTEXT_PEM_FILE) {
                keys = KeyFiles.pemFile(file);
            } else {
                String password = settings.optional(FilterSettings.CONTEXT_KEYSTORE_PASSWORD).orElse("");
                Set<String> aliases = Set.copyOf(settings.list(FilterSettings.CONTEXT_KEYSTORE_ALIASES));
                keys = KeyFiles.keystore(file, password.toCharArray(), aliases);
            }
        } catch (IOException e) {
            throw new ConfigurationException(source, "file " + file + " " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(FilterSettings.CONTEXT_KEYSTORE_ALIASES, "file " + file + " "
                    + e.getMessage());
        }
        List<JWK> publicKeys = KeyFiles.publicOnly(keys);
        if (publicKeys.isEmpty()) {
            throw new ConfigurationException(source, "file " + file + " holds no public RSA or EC key");
        }
        return new ImmutableJWKSet<>(new JWKSet(publicKeys));
    }
}
