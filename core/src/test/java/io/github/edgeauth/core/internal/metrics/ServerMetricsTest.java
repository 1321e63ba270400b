package io.github.edgeauth.core.internal.metrics;

import io.github.edgeauth.core.ReasonCode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerMetricsTest {
    /** A registry that keeps gauges by name and tags, as the server's does. */
    private static final class Recording implements ServerMetrics.Registry {
        final Map<String, Supplier<? extends Number>> gauges = new TreeMap<>();

        @Override
        public Runnable gauge(String name, String description, Map<String, String> tags,
                              Supplier<? extends Number> value) {
            String id = name + new TreeMap<>(tags);
            gauges.put(id, value);
            return () -> gauges.remove(id);
        }
    }

    @Test
    void everyReasonIsPublishedAtZeroAndReadsTheLiveCount() {
        Recording registry = new Recording();
        RejectionCounts counts = new RejectionCounts();
        counts.publishTo(ServerMetrics.into(registry, Map.of("application", "/orders")), "edgeauth.backend.rejections", "");
        assertEquals(ReasonCode.values().length, registry.gauges.size());
        String badSignature = "edgeauth.backend.rejections{application=/orders, reason=bad_signature}";
        assertEquals(0L, registry.gauges.get(badSignature).get());
        counts.count(ReasonCode.BAD_SIGNATURE);
        counts.count(ReasonCode.BAD_SIGNATURE);
        assertEquals(2L, registry.gauges.get(badSignature).get());
    }

    @Test
    void aGaugeIsAddedOnceAndCloseRemovesWhatWasAdded() {
        Recording registry = new Recording();
        ServerMetrics metrics = ServerMetrics.into(registry, Map.of("application", "/"));
        metrics.gauge("edgeauth.edge.forwarded", "", Map.of("route", "orders", "status", "200"), () -> 1);
        metrics.gauge("edgeauth.edge.forwarded", "", Map.of("route", "orders", "status", "200"), () -> 2);
        assertEquals(1, registry.gauges.size());
        assertEquals(1, registry.gauges.values().iterator().next().get());
        metrics.close();
        assertTrue(registry.gauges.isEmpty());
    }

    @Test
    void withoutAServerNothingIsPublished() {
        ServerMetrics none = ServerMetrics.forServer(Map.of("application", "/"));
        assertFalse(none.publishing(), "no CDI container in a unit test");
        none.gauge("edgeauth.anything", "", Map.of(), () -> 1);
        none.close();
    }
}
