package io.github.edgeauth.edge.internal.session;

import jakarta.servlet.http.HttpSession;

import java.time.Clock;
import java.time.Duration;

/**
 * How long a browser's session lasts: it ends after {@code idle} without a request, and {@code absolute} after
 * the sign-in however busy it is. Refreshing the provider's tokens never moves the sign-in time, so only
 * signing in again starts a new lifetime.
 *
 * <p>A request marks its session seen at most once per {@link #touchEvery()}, so a busy session is not
 * rewritten (and, on a cluster, sent across the data grid) on every request. The server itself forgets a
 * session after twice the idle timeout; until then a late request is told {@code session_expired}.
 */
public final class SessionLifetime {
    static final String SIGNED_IN_AT = SessionLifetime.class.getName() + ".signedInAt";
    static final String SEEN_AT = SessionLifetime.class.getName() + ".seenAt";

    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public SessionLifetime(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** Starts a new lifetime for a session whose sign-in has just completed (a second sign-in starts afresh). */
    public void begin(HttpSession session) {
        long now = clock.millis();
        session.setAttribute(SIGNED_IN_AT, now);
        session.setAttribute(SEEN_AT, now);
        session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, idle.multipliedBy(2).toSeconds()));
    }

    /**
     * Whether this session is still within both limits; if so it counts as seen now. A session with no sign-in
     * time (made before this check existed) counts from its creation.
     */
    public boolean alive(HttpSession session) {
        if (!within(session)) {
            return false;
        }
        long now = clock.millis();
        long seenAt = millis(session, SEEN_AT, millis(session, SIGNED_IN_AT, session.getCreationTime()));
        if (now - seenAt >= touchEvery().toMillis()) {
            session.setAttribute(SEEN_AT, now);
        }
        return true;
    }

    /**
     * Whether this session is still within both limits, without counting this request as activity: for paths
     * that need no sign-in (a page polling {@code /health} must not keep an idle session alive).
     */
    public boolean within(HttpSession session) {
        long now = clock.millis();
        long signedInAt = millis(session, SIGNED_IN_AT, session.getCreationTime());
        long seenAt = millis(session, SEEN_AT, signedInAt);
        return now - signedInAt < absolute.toMillis() && now - seenAt < idle.toMillis();
    }

    /** How often a busy session is marked seen: a twentieth of the idle timeout, at most a minute. */
    Duration touchEvery() {
        Duration share = idle.dividedBy(20);
        return share.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : share;
    }

    private static long millis(HttpSession session, String name, long otherwise) {
        return session.getAttribute(name) instanceof Long value ? value : otherwise;
    }
}
