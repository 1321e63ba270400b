package io.github.edgeauth.edge.internal.session;

import java.time.Duration;

/**
 * Where the provider's logouts are kept, as epoch milliseconds by key (a provider session or a subject): the
 * data grid's JCache cache ({@link GridSignOutStore}) or one node's memory.
 */
interface SignOutStore {
    /** How long an entry lives: longer than any edge session is expected to. */
    Duration KEPT = Duration.ofHours(24);
    /** The name of the data grid's cache. */
    String CACHE = "edgeauth-provider-logouts";

    Long get(String key);

    void put(String key, long millis);

    /** Puts {@code millis} under {@code key} unless a live entry is there; true when it was put. */
    boolean putIfAbsent(String key, long millis);

    String describe();
}
