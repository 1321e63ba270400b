package io.github.edgeauth.edge.internal.session;

import java.time.Clock;
import java.time.Duration;

/**
 * Which request of the whole cluster may redeem a session's refresh token now: one atomic {@code putIfAbsent} in the
 * store of sign-outs (the data grid, or this node), so that two nodes, or two threads, never both spend a rotating,
 * one-time refresh token. A lease held longer than {@link #HELD_AT_MOST} (its node died meanwhile) is taken over.
 */
final class RefreshLease {
    static final Duration HELD_AT_MOST = Duration.ofSeconds(30);

    private final SignOutStore store;
    private final Clock clock;

    RefreshLease(SignOutStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** True when this caller may refresh session {@code id}; it must {@link #release} it then. */
    boolean take(String id) {
        String key = key(id);
        long now = clock.millis();
        if (store.putIfAbsent(key, now)) {
            return true;
        }
        Long held = store.get(key);
        return held != null && now - held >= HELD_AT_MOST.toMillis() && store.replace(key, held, now);
    }

    void release(String id) {
        store.remove(key(id));
    }

    private static String key(String id) {
        return "refresh:" + id;
    }
}
