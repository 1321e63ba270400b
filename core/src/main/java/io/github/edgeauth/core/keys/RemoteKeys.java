package io.github.edgeauth.core.keys;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

/**
 * Keys fetched from a JWKS URL with nimbus' {@link JWKSourceBuilder}: cached for five minutes (or as set), refreshed on
 * an unknown {@code kid} at most once per {@link #MIN_REFRESH_INTERVAL} (so made-up {@code kid}s cannot
 * hammer the URL), and served from the last good copy for a day while the URL is down.
 */
public final class RemoteKeys {
    /** The shortest time between two fetches of one JWKS URL caused by unknown {@code kid}s. */
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
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(), retriever)
                    .cache(cacheTime.toMillis(), READ_TIMEOUT_MILLIS + CONNECT_TIMEOUT_MILLIS)
                    .rateLimited(MIN_REFRESH_INTERVAL.toMillis())
                    .outageTolerant(OUTAGE_TOLERANCE.toMillis())
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwksUrl, e);
        }
    }
}
