package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.internal.http.LogSafe;
import io.github.edgeauth.core.internal.token.RefreshAhead;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.exceptions.OidcTokenException;
import org.pac4j.oidc.profile.OidcProfile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Refreshes a session's access token ahead of expiry (5 minutes before, or 20% of the lifetime for short
 * tokens, whichever is less), so a user whose provider session is alive is never logged out mid-session.
 *
 * <p>Single flight per session across the cluster ({@link RefreshLease}): of many requests arriving together,
 * on any node, while the token needs refreshing, exactly one makes the refresh-token grant; the others go on with
 * the token they have while it lasts, or wait for the new one. So rotating, one-time refresh tokens never race
 * each other into a logout. A refresh the provider refuses (an OAuth error answer, such as {@code invalid_grant}
 * for a revoked refresh token) ends the session at once. One that fails otherwise (the provider unreachable, say)
 * while the token is still valid keeps the session and is tried again after {@link #RETRY_AFTER_FAILURE}.
 */
public final class SessionRefresher {
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    /** How long a request whose token has expired waits for another's refresh: longer than the provider may take. */
    static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    private final OidcClient client;
    private final EdgeSessions sessions;
    private final RefreshLease lease;
    private final Clock clock;
    /** A documented cache: this node's last failed refresh per session, while one is recent. */
    private final Map<String, Instant> failures = new ConcurrentHashMap<>();

    public SessionRefresher(OidcClient client, EdgeSessions sessions, SignOutRecords signOuts, Clock clock) {
        this.client = client;
        this.sessions = sessions;
        this.lease = new RefreshLease(signOuts.store(), clock);
        this.clock = clock;
    }

    /**
     * The session's view to use for this request: the current one, or a refreshed one; empty when the provider
     * refused the refresh, or the token has expired and could not be refreshed (the session is over).
     */
    Optional<EdgeSessions.View> fresh(EdgeSessions.View view, Supplier<CallContext> call) {
        if (!due(view.session().profile())) {
            return Optional.of(view);
        }
        String id = view.session().id();
        Instant now = clock.instant();
        Instant failed = failures.get(id);
        if (failed != null && failed.plus(RETRY_AFTER_FAILURE).isAfter(now) && !expired(view.session().profile())) {
            return Optional.of(view);
        }
        Optional<Long> taken = lease.take(id);
        if (taken.isEmpty()) {
            return othersRefresh(view);
        }
        try {
            // Another node may have refreshed it, or ended it, since this one read it: the stored session is the
            // one to renew, unless it was signed out meanwhile.
            Optional<EdgeSessions.View> current = sessions.current(id);
            if (current.isEmpty() || !due(current.get().session().profile())) {
                return current;
            }
            return refreshed(current.get(), call);
        } finally {
            lease.release(id, taken.get());
        }
    }

    private Optional<EdgeSessions.View> refreshed(EdgeSessions.View current, Supplier<CallContext> call) {
        OidcProfile profile = current.session().profile();
        String id = current.session().id();
        String subject = LogSafe.clean(profile.getId());
        try {
            Optional<UserProfile> renewed = client.renewUserProfile(call.get(), profile);
            if (renewed.isPresent() && renewed.get() instanceof OidcProfile refreshed) {
                failures.remove(id);
                return sessions.update(id, session -> session.withProfile(refreshed));
            }
            LOG.info(() -> "edgeauth refresh gave no profile subject=" + subject);
        } catch (OidcTokenException refused) {
            // The provider's answer is a raw value: never logged.
            LOG.info(() -> "edgeauth refresh refused by the provider, session ended subject=" + subject);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.info(() -> "edgeauth refresh failed subject=" + subject + " error=" + e.getClass().getSimpleName());
        }
        if (failures.size() >= EdgeSessions.MAX_VIEWS) {
            failures.clear();
        }
        failures.put(id, clock.instant());
        return expired(profile) ? Optional.empty() : Optional.of(current);
    }

    /**
     * Another request, on this node or another, holds the lease: this one goes on with its token while it lasts,
     * else waits for the refreshed session, as long as a refresh may take; then it gives up without ending the
     * session ({@link RefreshPending}), which the refresh may yet renew.
     */
    private Optional<EdgeSessions.View> othersRefresh(EdgeSessions.View view) {
        if (!expired(view.session().profile())) {
            return Optional.of(view);
        }
        long deadline = System.nanoTime() + WAIT_FOR_OTHERS.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<EdgeSessions.View> stored = sessions.reread(view.session().id());
            if (stored.isEmpty() || !expired(stored.get().session().profile())) {
                return stored;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new RefreshPending();
    }

    /** The session's token has expired and another request's refresh has not ended in time: try again soon. */
    static final class RefreshPending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefreshPending() {
            super("a refresh of this session is still under way", null, false, false);
        }
    }

    boolean due(OidcProfile profile) {
        Instant expiration = expiration(profile);
        if (expiration == null) {
            return false;
        }
        long lifetimeSeconds = SessionAccessTokens.of(profile).map(token -> token.getLifetime()).orElse(0L);
        Duration advance = lifetimeSeconds > 0 ? RefreshAhead.advance(Duration.ofSeconds(lifetimeSeconds))
                : RefreshAhead.MAX_ADVANCE;
        return !clock.instant().isBefore(expiration.minus(advance));
    }

    private boolean expired(OidcProfile profile) {
        Instant expiration = expiration(profile);
        return expiration != null && !clock.instant().isBefore(expiration);
    }

    private static Instant expiration(OidcProfile profile) {
        return profile.getExpiration() == null ? null : profile.getExpiration().toInstant();
    }
}
