package io.github.edgeauth.client;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token with the two instants that matter: when to start refreshing it in the background, and
 * when it stops being usable. {@code toString} never shows the value.
 */
record Token(String value, Instant refreshAt, Instant expiresAt) {
    /** Refresh 5 minutes before expiry, or 20% of the lifetime before it for short tokens. */
    static final Duration MAX_ADVANCE = Duration.ofMinutes(5);

    static Token issued(String value, Instant now, Duration lifetime) {
        Duration fifth = lifetime.dividedBy(5);
        Duration advance = fifth.compareTo(MAX_ADVANCE) < 0 ? fifth : MAX_ADVANCE;
        Instant expiresAt = now.plus(lifetime);
        return new Token(value, expiresAt.minus(advance), expiresAt);
    }

    boolean usableAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    boolean dueAt(Instant now) {
        return !now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
        return "Token[refreshAt=" + refreshAt + ", expiresAt=" + expiresAt + "]";
    }
}
