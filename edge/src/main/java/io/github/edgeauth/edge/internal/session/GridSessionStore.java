package io.github.edgeauth.edge.internal.session;

import javax.cache.Cache;
import javax.cache.expiry.ModifiedExpiryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The edge's sessions in a JCache cache of the container's data grid (Payara: Hazelcast), so every edge node
 * serves every session. Values are strings, so the grid holds nothing of the application's class loader.
 */
final class GridSessionStore implements SessionStore {
    private final Cache<String, String> cache;
    private final String jndiName;

    private GridSessionStore(Cache<String, String> cache, String jndiName) {
        this.cache = cache;
        this.jndiName = jndiName;
    }

    /** The grid's cache of sessions, each kept {@code kept} after its last write; empty when there is no grid. */
    static Optional<SessionStore> lookup(String jndiName, Duration kept) {
        return GridCaches.at(jndiName).map(manager -> GridCaches.cache(manager, CACHE, String.class,
                        ModifiedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.SECONDS, kept.toSeconds()))))
                .map(cache -> new GridSessionStore(cache, jndiName));
    }

    @Override
    public Optional<String> get(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    @Override
    public void put(String id, String session) {
        cache.put(id, session);
    }

    @Override
    public boolean replace(String id, String expected, String session) {
        return cache.replace(id, expected, session);
    }

    @Override
    public void remove(String id) {
        cache.remove(id);
    }

    @Override
    public String describe() {
        return "JCache " + CACHE + " of " + jndiName;
    }
}
