package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.internal.http.LogSafe;
import io.github.edgeauth.core.internal.token.RefreshAhead;
import jakarta.servlet.http.HttpSession;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.profile.ProfileManager;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.exceptions.OidcTokenException;
import org.pac4j.oidc.profile.OidcProfile;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refreshes a session's access token ahead of expiry (5 minutes before, or 20% of the lifetime for short
 * tokens, whichever is less), so a user whose provider session is alive is never logged out mid-session.
 *
 * <p>Single flight per session: of many requests arriving together while the token needs refreshing,
 * exactly one makes the refresh-token grant; the others wait for it and use its result. So rotating,
 * one-time refresh tokens never race each other into a logout. A refresh the provider refuses (an OAuth error
 * answer, such as {@code invalid_grant} for a revoked refresh token) ends the session at once. One that fails
 * otherwise (the provider unreachable, say) while the token is still valid keeps the session and is tried again
 * after {@link #RETRY_AFTER_FAILURE}.
 */
public final class SessionRefresher {
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final String LOCK = SessionRefresher.class.getName() + ".lock";
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    /** The per-session lock, with the time of the last failed refresh. Serializable, so sessions can move. */
    static final class SessionLock implements Serializable {
        private static final long serialVersionUID = 1L;
        private Instant lastFailure = Instant.MIN;
    }

    private final OidcClient client;
    private final Clock clock;

    public SessionRefresher(OidcClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * The profile to use for this request: the current one, or a refreshed one; empty when the provider refused
     * the refresh, or the token has expired and could not be refreshed (the session is over).
     */
    Optional<OidcProfile> fresh(OidcProfile profile, HttpSession session, ProfileManager manager, CallContext call) {
        if (!due(profile)) {
            return Optional.of(profile);
        }
        SessionLock lock = lockOf(session);
        synchronized (lock) {
            OidcProfile current = manager.getProfile(OidcProfile.class).orElse(profile);
            if (!due(current)) {
                return Optional.of(current); // another request of this session refreshed it meanwhile
            }
            Instant now = clock.instant();
            if (lock.lastFailure.plus(RETRY_AFTER_FAILURE).isAfter(now) && !expired(current)) {
                return Optional.of(current);
            }
            try {
                Optional<UserProfile> renewed = client.renewUserProfile(call, current);
                if (renewed.isPresent() && renewed.get() instanceof OidcProfile refreshed) {
                    manager.save(true, refreshed, false);
                    lock.lastFailure = Instant.MIN;
                    return Optional.of(refreshed);
                }
                LOG.info(() -> "edgeauth refresh gave no profile subject=" + LogSafe.clean(current.getId()));
            } catch (OidcTokenException refused) {
                // The provider's answer is a raw value: never logged.
                LOG.info(() -> "edgeauth refresh refused by the provider, session ended subject="
                        + LogSafe.clean(current.getId()));
                return Optional.empty();
            } catch (RuntimeException e) {
                LOG.info(() -> "edgeauth refresh failed subject=" + LogSafe.clean(current.getId()) + " error="
                        + e.getClass().getSimpleName());
            }
            lock.lastFailure = now;
            return expired(current) ? Optional.empty() : Optional.of(current);
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

    private static SessionLock lockOf(HttpSession session) {
        Object existing = session.getAttribute(LOCK);
        if (existing instanceof SessionLock lock) {
            return lock;
        }
        synchronized (SessionRefresher.class) {
            existing = session.getAttribute(LOCK);
            if (existing instanceof SessionLock lock) {
                return lock;
            }
            SessionLock created = new SessionLock();
            session.setAttribute(LOCK, created);
            return created;
        }
    }
}
