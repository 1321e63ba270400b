package io.github.edgeauth.client;


import io.github.edgeauth.core.internal.token.RefreshAhead;
import java.time.Duration;
import java.time.Instant;

/**
 * An access token with the two instants that matter: when to start refreshing it in the background, and
 * when it stops being usable. {@code toString} never shows the value.
 */
record Token(String value, Instant refreshAt, Instant expiresAt) {
    static Token issued(String value, Instant now, Duration lifetime) {
        Instant expiresAt = now.plus(lifetime);
        return new Token(value, expiresAt.minus(RefreshAhead.advance(lifetime)), expiresAt);
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
