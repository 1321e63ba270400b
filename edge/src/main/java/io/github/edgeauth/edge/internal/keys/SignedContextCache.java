package io.github.edgeauth.edge.internal.keys;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Signs the user context for a backend's audience and, within one session, re-uses a signed context until
 * half its lifetime has passed, so the edge does not sign on every request (and backends hit their cache).
 * Re-use is per audience and only for the same identity: a new login never gets the old context. An API
 * client without a session gets the same re-use from a bounded cache of this edge, never past the expiry of
 * the token that identified it.
 */
public final class SignedContextCache {
    static final String SESSION_ATTRIBUTE = SignedContextCache.class.getName();

    /** A signed context kept in the session; serializable so a clustered session carries it. */
    public record Minted(String token, String identity, Instant reuseUntil) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** How many session-less contexts are kept; when full, expired ones go first, then all. */
    static final int SESSIONLESS_ENTRIES = 10_000;

    private final Supplier<ContextSigner> signer;
    private final Duration timeToLive;
    private final Clock clock;
    /** A documented cache: contexts of API clients (no session), by audience and identity; bounded. */
    private final Map<String, Minted> sessionless = new ConcurrentHashMap<>();

    /** @param signer the signer to use now (the key changes when it is rotated) */
    public SignedContextCache(Supplier<ContextSigner> signer, Duration timeToLive, Clock clock) {
        this.signer = signer;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /** The context header value for {@code user} at {@code audience}; {@code session} may be null. */
    public String contextFor(UserContext user, String audience, HttpSession session) {
        return contextFor(user, audience, audience, session);
    }

    /**
     * As {@link #contextFor(UserContext, String, HttpSession)}, kept in the session under {@code slot} (one per
     * audience, or per route when routes of one audience see different roles).
     */
    public String contextFor(UserContext user, String audience, String slot, HttpSession session) {
        if (session == null) {
            return sessionless(user, audience);
        }
        ConcurrentHashMap<String, Minted> minted = mintedIn(session);
        String identity = identityOf(user) + "@" + audience; // a slot never hands out another audience's context
        Instant now = clock.instant();
        Minted current = minted.get(slot);
        if (current != null && current.identity().equals(identity) && now.isBefore(current.reuseUntil())) {
            return current.token();
        }
        Minted fresh = new Minted(signer.get().mint(user, audience, timeToLive), identity, now.plus(timeToLive.dividedBy(2)));
        minted.put(slot, fresh);
        // Set again so a clustered session store sees the change.
        session.setAttribute(SESSION_ATTRIBUTE, minted);
        return fresh.token();
    }

    /** Re-uses an API client's context until half its lifetime, or the client's token expires if sooner. */
    private String sessionless(UserContext user, String audience) {
        String identity = identityOf(user) + ":" + user.expiresAt().toEpochMilli();
        String key = audience + " " + identity;
        Instant now = clock.instant();
        Minted current = sessionless.get(key);
        if (current != null && now.isBefore(current.reuseUntil())) {
            return current.token();
        }
        Instant reuseUntil = now.plus(timeToLive.dividedBy(2));
        if (!Instant.EPOCH.equals(user.expiresAt()) && user.expiresAt().isBefore(reuseUntil)) {
            reuseUntil = user.expiresAt();
        }
        Minted fresh = new Minted(signer.get().mint(user, audience, timeToLive), identity, reuseUntil);
        if (sessionless.size() >= SESSIONLESS_ENTRIES) {
            sessionless.values().removeIf(minted -> !now.isBefore(minted.reuseUntil()));
            if (sessionless.size() >= SESSIONLESS_ENTRIES) {
                sessionless.clear();
            }
        }
        sessionless.put(key, fresh);
        return fresh.token();
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentHashMap<String, Minted> mintedIn(HttpSession session) {
        Object value = session.getAttribute(SESSION_ATTRIBUTE);
        if (value instanceof ConcurrentHashMap<?, ?> map) {
            return (ConcurrentHashMap<String, Minted>) map;
        }
        ConcurrentHashMap<String, Minted> created = new ConcurrentHashMap<>();
        session.setAttribute(SESSION_ATTRIBUTE, created);
        return created;
    }

    /** What must not change for a context to be re-used: who, with which roles and scopes, in which session. */
    private static String identityOf(UserContext user) {
        return Objects.hash(user.subject(), user.roles(), user.scopes(), user.sessionId(), user.email(), user.name())
                + ":" + user.subject();
    }
}
