package io.github.edgeauth.edge.internal.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a browser's session lasts: it ends after {@code idle} without a request, and {@code absolute} after
 * the sign-in however busy it is. Refreshing the provider's tokens never moves the sign-in time, so only
 * signing in again starts a new lifetime.
 *
 * <p>A request marks its session seen at most once per {@link #touchEvery()}, so a busy session is not
 * rewritten (and, on a cluster, sent across the data grid) on every request. The store forgets a session after
 * {@link #kept()}; until then a late request is told {@code session_expired}.
 */
public final class SessionLifetime {
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public SessionLifetime(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** Whether {@code session} is still within both limits (this request not counted as activity). */
    public boolean within(EdgeSession session) {
        long now = clock.millis();
        return now - session.signedInAt() < absolute.toMillis() && now - session.seenAt() < idle.toMillis();
    }

    /** The session marked seen now, when it is time to write that down; empty when it was marked lately. */
    Optional<EdgeSession> touched(EdgeSession session) {
        long now = clock.millis();
        return now - session.seenAt() >= touchEvery().toMillis() ? Optional.of(session.seen(now)) : Optional.empty();
    }

    /** How often a busy session is marked seen: a twentieth of the idle timeout, at most a minute. */
    Duration touchEvery() {
        Duration share = idle.dividedBy(20);
        return share.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : share;
    }

    /** How long the store keeps a session after its last write: twice the idle timeout. */
    public Duration kept() {
        return idle.multipliedBy(2);
    }
}
