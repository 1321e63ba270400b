package io.github.edgeauth.edge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A documented cache, owned by the back-channel logout endpoint: the {@code jti} of every logout token
 * accepted, kept until the token expires, so the same token posted twice is refused. Bounded: past
 * {@link #MAX} entries the oldest are forgotten (a token that old has almost always expired anyway).
 */
final class SeenLogoutTokens {
    static final int MAX = 10_000;

    private final Map<String, Instant> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX;
        }
    };

    /** Records {@code jti} until {@code expiresAt}; false when it was already seen and has not expired. */
    synchronized boolean firstUse(String jti, Instant expiresAt, Instant now) {
        Instant known = seen.get(jti);
        if (known != null && known.isAfter(now)) {
            return false;
        }
        seen.remove(jti);
        seen.put(jti, expiresAt);
        return true;
    }
}
