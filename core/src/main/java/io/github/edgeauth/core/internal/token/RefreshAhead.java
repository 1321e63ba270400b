package io.github.edgeauth.core.internal.token;

import java.time.Duration;

/**
 * When a token is renewed before it expires, for the edge's sessions and the client feature's service tokens
 * alike: 5 minutes before expiry, or 20% of the lifetime before it for short tokens, whichever is less.
 */
public final class RefreshAhead {
    /** The most a token is renewed ahead of its expiry. */
    public static final Duration MAX_ADVANCE = Duration.ofMinutes(5);

    private RefreshAhead() {
    }

    /** How long before expiry a token living {@code lifetime} is renewed. */
    public static Duration advance(Duration lifetime) {
        Duration fifth = lifetime.dividedBy(5);
        return fifth.compareTo(MAX_ADVANCE) < 0 ? fifth : MAX_ADVANCE;
    }
}
