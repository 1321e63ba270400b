package io.github.edgeauth.core;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A documented cache: verified contexts keyed by the exact token string, since the edge re-sends one
 * context for a while. Bounded by {@code maxEntries}; an entry never outlives the token's expiry (plus the
 * clock skew), and a hit checks that again. When full it first drops expired entries and, if still full,
 * starts over: simple, bounded, and a flood of distinct valid tokens costs only cache misses. Only accepted
 * tokens are stored, so garbage cannot fill it. Owned by one verifier, never static.
 */
final class VerifiedTokenCache {
    private record Entry(Verification.Accepted accepted, long validUntilMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    Verification.Accepted get(String token, Instant now) {
        if (maxEntries == 0) {
            return null;
        }
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.validUntilMillis() <= now.toEpochMilli()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.accepted();
    }

    void put(String token, Verification.Accepted accepted, Instant validUntil, Instant now) {
        if (maxEntries == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            long nowMillis = now.toEpochMilli();
            entries.values().removeIf(e -> e.validUntilMillis() <= nowMillis);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(accepted, validUntil.toEpochMilli()));
    }

    int size() {
        return entries.size();
    }
}
