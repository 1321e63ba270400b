package io.github.edgeauth.edge.internal.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where sign-outs are kept, as epoch milliseconds by key (an edge session, a provider session or a subject): the
 * data grid's JCache cache ({@link GridSignOutStore}) or one node's memory.
 */
interface SignOutStore {
    /** How long an entry lives: longer than any edge session is expected to. */
    Duration KEPT = Duration.ofHours(24);
    /** The name of the data grid's cache. */
    String CACHE = "edgeauth-provider-logouts";

    Long get(String key);

    /** The live entries among {@code keys}, in one call (one round trip to the grid). */
    default Map<String, Long> getAll(Set<String> keys) {
        Map<String, Long> found = new HashMap<>();
        keys.forEach(key -> {
            Long value = get(key);
            if (value != null) {
                found.put(key, value);
            }
        });
        return found;
    }

    void put(String key, long millis);

    /** Puts {@code millis} under {@code key} unless a live entry is there; true when it was put. */
    boolean putIfAbsent(String key, long millis);

    /** Puts {@code millis} under {@code key} if it holds {@code old} now; true when it was put. */
    boolean replace(String key, long old, long millis);

    void remove(String key);

    /** Removes {@code key} if it holds {@code millis} now. */
    void remove(String key, long millis);

    String describe();
}
