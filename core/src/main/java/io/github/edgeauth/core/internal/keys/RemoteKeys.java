package io.github.edgeauth.core.internal.keys;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Keys fetched from a JWKS URL with nimbus' {@link JWKSourceBuilder}: cached for five minutes (or as set), refreshed on
 * an unknown {@code kid} with at most two fetches per {@link #MIN_REFRESH_INTERVAL} (nimbus' rate limit, so made-up
 * {@code kid}s cannot hammer the URL), and served from the last good copy for a day while the URL is down.
 */
public final class RemoteKeys {
    /** The rate limit's window: at most two fetches of one JWKS URL in it, whatever unknown {@code kid}s arrive. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** How long fetched keys are used before they are fetched again, unless set otherwise. */
    public static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);
    static final Duration OUTAGE_TOLERANCE = Duration.ofDays(1);
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 3_000;
    static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private RemoteKeys() {
    }

    public static ResourceRetriever retriever() {
        return new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, SIZE_LIMIT_BYTES);
    }

    public static JWKSource<SecurityContext> at(URI jwksUrl, ResourceRetriever retriever) {
        return at(jwksUrl, retriever, CACHE_TIME_TO_LIVE);
    }

    /** As {@link #at(URI, ResourceRetriever)}, fetching the keys again every {@code cacheTime}. */
    public static JWKSource<SecurityContext> at(URI jwksUrl, ResourceRetriever retriever, Duration cacheTime) {
        return at(jwksUrl, retriever, cacheTime, Clock.systemUTC());
    }

    /**
     * As {@link #at(URI, ResourceRetriever, Duration)}, with cache expiry, the refresh rate limit and the outage
     * tolerance all measured on {@code clock}: the verifier's own clock, so a test that moves it forward sees
     * the keys fetched again.
     */
    public static JWKSource<SecurityContext> at(URI jwksUrl, ResourceRetriever retriever, Duration cacheTime,
                                                Clock clock) {
        JWKSource<SecurityContext> built;
        try {
            built = JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(), retriever)
                    .cache(cacheTime.toMillis(), READ_TIMEOUT_MILLIS + CONNECT_TIMEOUT_MILLIS)
                    .rateLimited(MIN_REFRESH_INTERVAL.toMillis())
                    .outageTolerant(OUTAGE_TOLERANCE.toMillis())
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwksUrl, e);
        }
        if (!(built instanceof JWKSetBasedJWKSource<SecurityContext> setBased)) {
            throw new IllegalStateException("nimbus built a " + built.getClass().getName()
                    + ", not the JWKSetBasedJWKSource whose time RemoteKeys supplies");
        }
        return new Clocked(setBased.getJWKSetSource(), clock);
    }

    /**
     * nimbus' {@link JWKSetBasedJWKSource}, reading the time from a {@link Clock}: nimbus' layers below (cache,
     * rate limit, outage tolerance) take the current time from their caller, and its own top layer always
     * passes {@link System#currentTimeMillis()}.
     */
    private record Clocked(JWKSetSource<SecurityContext> source, Clock clock)
            implements JWKSource<SecurityContext>, Closeable {
        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            long now = clock.millis();
            JWKSet keys = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
            List<JWK> selected = selector.select(keys);
            if (selected.isEmpty()) {
                // An unknown kid: fetch again unless someone else already did (and the rate limit allows).
                JWKSet refreshed = source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), now,
                        context);
                selected = selector.select(refreshed);
            }
            return selected;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
