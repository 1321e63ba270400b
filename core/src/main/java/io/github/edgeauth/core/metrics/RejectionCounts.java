package io.github.edgeauth.core.metrics;

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
