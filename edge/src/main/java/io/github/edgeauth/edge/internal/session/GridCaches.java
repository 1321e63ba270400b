package io.github.edgeauth.edge.internal.session;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;

/**
 * The container's data grid as JCache (Payara: Hazelcast), found by JNDI. Only loaded when JCache is on the class
 * path. Keys and values are JDK types only, so the grid holds nothing of the application's class loader across
 * redeployments.
 */
final class GridCaches {
    private GridCaches() {
    }

    /** The {@code CacheManager} bound at {@code jndiName}, when there is one. */
    static Optional<CacheManager> at(String jndiName) {
        InitialContext naming = null;
        try {
            naming = new InitialContext();
            return Optional.of((CacheManager) naming.lookup(jndiName));
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (naming != null) {
                try {
                    naming.close();
                } catch (NamingException ignored) {
                    // nothing held open
                }
            }
        }
    }

    /** The cache {@code name} of {@code manager}, made with {@code expiry} by whichever node comes first. */
    static <V> Cache<String, V> cache(CacheManager manager, String name, Class<V> values,
                                      Factory<? extends ExpiryPolicy> expiry) {
        Cache<String, V> cache = manager.getCache(name, String.class, values);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(name, new MutableConfiguration<String, V>().setTypes(String.class, values)
                    .setExpiryPolicyFactory(expiry));
        } catch (CacheException createdMeanwhile) {
            return manager.getCache(name, String.class, values);
        }
    }
}
