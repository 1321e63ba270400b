package io.github.edgeauth.edge.internal.session;

import javax.cache.Cache;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sign-outs (and refresh leases, {@link RefreshLease}) in a JCache cache of the container's data grid (Payara: Hazelcast), so every edge node
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
        return GridCaches.at(jndiName).map(manager -> GridCaches.cache(manager, SignOutStore.CACHE, Long.class,
                        CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, SignOutStore.KEPT.toSeconds()))))
                .map(cache -> new GridSignOutStore(cache, jndiName));
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
    public boolean replace(String key, long old, long millis) {
        return cache.replace(key, old, millis);
    }

    @Override
    public void remove(String key) {
        cache.remove(key);
    }

    @Override
    public void remove(String key, long millis) {
        cache.remove(key, millis);
    }

    @Override
    public String describe() {
        return "JCache " + SignOutStore.CACHE + " of " + jndiName;
    }
}
