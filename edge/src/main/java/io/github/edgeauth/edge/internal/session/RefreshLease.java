package io.github.edgeauth.edge.internal.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * The lease on session {@code id}'s refresh, when this caller may refresh it now (it must {@link #release} it
     * then); empty while another holds it.
     */
    Optional<Long> take(String id) {
        String key = key(id);
        long now = clock.millis();
        if (store.putIfAbsent(key, now)) {
            return Optional.of(now);
        }
        Long held = store.get(key);
        return held != null && now - held >= HELD_AT_MOST.toMillis() && store.replace(key, held, now)
                ? Optional.of(now) : Optional.empty();
    }

    /** Gives the lease {@code taken} back, unless another caller took it over meanwhile (it was held too long). */
    void release(String id, long taken) {
        store.remove(key(id), taken);
    }

    private static String key(String id) {
        return "refresh:" + id;
    }
}
