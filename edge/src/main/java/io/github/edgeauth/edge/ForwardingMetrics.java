package io.github.edgeauth.edge;

import io.github.edgeauth.core.metrics.RejectionCounts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counts and times forwarded requests by route and status; one per forwarding servlet. */
final class ForwardingMetrics implements EdgeForwardingMXBean {
    private record Timings(LongAdder count, LongAdder nanos, LongAccumulator maxNanos) {
        Timings() {
            this(new LongAdder(), new LongAdder(), new LongAccumulator(Math::max, 0));
        }
    }

    private final Map<String, Timings> byRouteAndStatus = new ConcurrentHashMap<>();
    private final RejectionCounts rejections = new RejectionCounts();

    /** Records one request to {@code route} answered with {@code status} after {@code nanos}. */
    void record(String route, int status, long nanos) {
        Timings timings = byRouteAndStatus.computeIfAbsent(route + " " + status, key -> new Timings());
        timings.count().increment();
        timings.nanos().add(nanos);
        timings.maxNanos().accumulate(nanos);
    }

    RejectionCounts rejectionCounts() {
        return rejections;
    }

    @Override
    public Map<String, Long> getForwarded() {
        Map<String, Long> counts = new TreeMap<>();
        byRouteAndStatus.forEach((key, timings) -> counts.put(key, timings.count().sum()));
        return counts;
    }

    @Override
    public Map<String, Double> getForwardingMillisMean() {
        Map<String, Double> means = new TreeMap<>();
        byRouteAndStatus.forEach((key, timings) -> {
            long count = timings.count().sum();
            means.put(key, count == 0 ? 0.0 : timings.nanos().sum() / 1e6 / count);
        });
        return means;
    }

    @Override
    public Map<String, Long> getForwardingMillisMax() {
        Map<String, Long> max = new TreeMap<>();
        byRouteAndStatus.forEach((key, timings) -> max.put(key, timings.maxNanos().get() / 1_000_000));
        return max;
    }

    @Override
    public Map<String, Long> getRejections() {
        return rejections.snapshot();
    }
}
