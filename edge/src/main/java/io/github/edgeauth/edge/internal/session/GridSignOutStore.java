package io.github.edgeauth.edge.internal.session;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Provider logouts in a JCache cache of the container's data grid (Payara: Hazelcast), so every edge node
 * sees them. Only loaded when JCache is on the class path; keys and values are JDK types, so the cache
 * holds nothing of the application's class loader across redeployments.
 */
final class GridSignOutStore implements SignOutStore {
    private final Cache<String, Long> cache;
    private final String jndiName;

    private GridSignOutStore(Cache<String, Long> cache, String jndiName) {
        this.cache = cache;
        this.jndiName = jndiName;
    }

    static Optional<SignOutStore> lookup(String jndiName) {
        CacheManager manager;
        InitialContext naming = null;
        try {
            naming = new InitialContext();
            manager = (CacheManager) naming.lookup(jndiName);
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
        Cache<String, Long> cache = manager.getCache(SignOutStore.CACHE, String.class, Long.class);
        if (cache == null) {
            try {
                cache = manager.createCache(SignOutStore.CACHE, new MutableConfiguration<String, Long>()
                        .setTypes(String.class, Long.class)
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                                new Duration(TimeUnit.SECONDS, SignOutStore.KEPT.toSeconds()))));
            } catch (CacheException createdMeanwhile) {
                cache = manager.getCache(SignOutStore.CACHE, String.class, Long.class);
            }
        }
        return Optional.ofNullable(cache).map(c -> new GridSignOutStore(c, jndiName));
    }

    @Override
    public Long get(String key) {
        return cache.get(key);
    }

    @Override
    public java.util.Map<String, Long> getAll(java.util.Set<String> keys) {
        return cache.getAll(keys);
    }

    @Override
    public void put(String key, long millis) {
        cache.put(key, millis);
    }

    @Override
    public boolean putIfAbsent(String key, long millis) {
        return cache.putIfAbsent(key, millis);
    }

    @Override
    public String describe() {
        return "JCache " + SignOutStore.CACHE + " of " + jndiName;
    }
}
