package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.jmx.EdgeForwardingMXBean;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import io.github.edgeauth.core.internal.metrics.ServerMetrics;

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
    private volatile ServerMetrics published = ServerMetrics.none();

    /** Publishes these numbers in the server's MicroProfile Metrics too, a route and status as they first occur. */
    void publishTo(ServerMetrics metrics) {
        published = metrics;
        rejections.publishTo(metrics, "edgeauth.edge.forwarding.rejections",
                "Requests the forwarder refused itself, by reason code");
    }

    /** Records one request to {@code route} answered with {@code status} after {@code nanos}. */
    void record(String route, int status, long nanos) {
        String key = route + " " + status;
        Timings timings = byRouteAndStatus.get(key);
        if (timings == null) {
            Timings created = new Timings();
            timings = byRouteAndStatus.putIfAbsent(key, created);
            if (timings == null) {
                timings = created;
                publish(route, status, created); // once, outside the map's lock
            }
        }
        timings.count().increment();
        timings.nanos().add(nanos);
        timings.maxNanos().accumulate(nanos);
    }

    private void publish(String route, int status, Timings timings) {
        Map<String, String> tags = Map.of("route", route, "status", String.valueOf(status));
        published.gauge("edgeauth.edge.forwarded", "Requests forwarded, by route and status", tags,
                () -> timings.count().sum());
        published.gauge("edgeauth.edge.forwarding.millis.mean", "Mean time to the answer's last byte", tags, () -> {
            long count = timings.count().sum();
            return count == 0 ? 0.0 : timings.nanos().sum() / 1e6 / count;
        });
        published.gauge("edgeauth.edge.forwarding.millis.max", "Longest time to the answer's last byte", tags,
                () -> timings.maxNanos().get() / 1_000_000);
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
