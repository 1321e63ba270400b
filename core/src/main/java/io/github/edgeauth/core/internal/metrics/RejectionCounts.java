package io.github.edgeauth.core.internal.metrics;

import io.github.edgeauth.core.ReasonCode;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Refusals by reason code, counted without contention; one per filter or edge, never static. */
public final class RejectionCounts {
    private final Map<ReasonCode, LongAdder> counts = new EnumMap<>(ReasonCode.class);

    public RejectionCounts() {
        for (ReasonCode reason : ReasonCode.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    /** Counts one refusal for {@code reason}. */
    public void count(ReasonCode reason) {
        counts.get(reason).increment();
    }

    /** The refusals so far for {@code reason}. */
    public long of(ReasonCode reason) {
        return counts.get(reason).sum();
    }

    /**
     * Publishes the count of every reason as the gauge {@code name}, tagged {@code reason=<code>}, so a
     * dashboard sees a reason at 0 before its first refusal.
     */
    public void publishTo(ServerMetrics metrics, String name, String description) {
        for (ReasonCode reason : ReasonCode.values()) {
            metrics.gauge(name, description, Map.of("reason", reason.code()), () -> of(reason));
        }
    }

    /** The refusals so far by reason code, for the reasons that occurred. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((reason, count) -> {
            long value = count.sum();
            if (value > 0) {
                snapshot.put(reason.code(), value);
            }
        });
        return snapshot;
    }
}
