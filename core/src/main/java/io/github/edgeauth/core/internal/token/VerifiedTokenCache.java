package io.github.edgeauth.core.internal.token;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A documented cache: verified contexts keyed by the exact token string, since the edge re-sends one
 * context for a while. Bounded by {@code maxEntries}; an entry never outlives the token's expiry (plus the
 * clock skew), and a hit checks that again. When full it first drops expired entries and, if still full,
 * starts over: simple, bounded, and a flood of distinct valid tokens costs only cache misses. Only accepted
 * tokens are stored, so garbage cannot fill it. Owned by one verifier, never static.
 */
final class VerifiedTokenCache {
    private record Entry(VerificationResult.Accepted accepted, long validUntilMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    VerificationResult.Accepted get(String token, Instant now) {
        if (maxEntries == 0) {
            return null;
        }
        Entry entry = entries.get(token);
        if (entry == null) {
            misses.increment();
            return null;
        }
        if (entry.validUntilMillis() <= now.toEpochMilli()) {
            entries.remove(token, entry);
            misses.increment();
            return null;
        }
        hits.increment();
        return entry.accepted();
    }

    void put(String token, VerificationResult.Accepted accepted, Instant validUntil, Instant now) {
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

    CacheStatistics statistics() {
        return new CacheStatistics(hits.sum(), misses.sum(), entries.size(), maxEntries);
    }
}
