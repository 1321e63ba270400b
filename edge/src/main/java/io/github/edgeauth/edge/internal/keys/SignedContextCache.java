package io.github.edgeauth.edge.internal.keys;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Signs the user context for a backend's audience and re-uses a signed context until half its lifetime has passed,
 * so the edge does not sign on every request (and backends hit their cache). Re-use is per audience, per edge
 * session and only for the same identity: a new sign-in never gets the old context; an API client's, never past
 * the expiry of the token that identified it.
 */
public final class SignedContextCache {
    /** A signed context, and until when it is handed out again. */
    private record Minted(String token, Instant reuseUntil) {
    }

    /** How many contexts are kept; when full, expired ones go first, then all. */
    static final int ENTRIES = 10_000;

    private final Supplier<ContextSigner> signer;
    private final Duration timeToLive;
    private final Clock clock;
    /** A documented cache: signed contexts by audience, edge session and identity; bounded. */
    private final Map<String, Minted> minted = new ConcurrentHashMap<>();

    /** @param signer the signer to use now (the key changes when it is rotated) */
    public SignedContextCache(Supplier<ContextSigner> signer, Duration timeToLive, Clock clock) {
        this.signer = signer;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /**
     * The context header value for {@code user} at {@code audience}, in the edge session {@code sessionId} (null for
     * an API client, which has none): re-used until half its lifetime has passed, or the client's token expires if
     * sooner, and only for the same identity in the same session.
     */
    public String contextFor(UserContext user, String audience, String sessionId) {
        String identity = identityOf(user) + ":" + user.expiresAt().toEpochMilli();
        String key = audience + " " + (sessionId == null ? "-" : sessionId) + " " + identity;
        Instant now = clock.instant();
        Minted current = minted.get(key);
        if (current != null && now.isBefore(current.reuseUntil())) {
            return current.token();
        }
        Instant reuseUntil = now.plus(timeToLive.dividedBy(2));
        if (!Instant.EPOCH.equals(user.expiresAt()) && user.expiresAt().isBefore(reuseUntil)) {
            reuseUntil = user.expiresAt();
        }
        Minted fresh = new Minted(signer.get().mint(user, audience, timeToLive), reuseUntil);
        if (minted.size() >= ENTRIES) {
            minted.values().removeIf(old -> !now.isBefore(old.reuseUntil()));
            if (minted.size() >= ENTRIES) {
                minted.clear();
            }
        }
        minted.put(key, fresh);
        return fresh.token();
    }

    /** What must not change for a context to be re-used: who, with which roles and scopes, in which session. */
    private static String identityOf(UserContext user) {
        return Objects.hash(user.subject(), user.roles(), user.scopes(), user.sessionId(), user.email(), user.name())
                + ":" + user.subject();
    }
}
