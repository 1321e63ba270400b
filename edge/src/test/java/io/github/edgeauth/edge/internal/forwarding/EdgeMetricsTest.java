package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.internal.signin.SignInMetrics;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import io.github.edgeauth.core.internal.metrics.ServerMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge's numbers as the server's MicroProfile Metrics registry receives them. */
class EdgeMetricsTest {
    /** Gauges by name and tags, as the server's registry keeps them. */
    private final Map<String, Supplier<? extends Number>> gauges = new TreeMap<>();
    private final ServerMetrics registry = ServerMetrics.into((name, description, tags, value) -> {
        String id = name + new TreeMap<>(tags);
        gauges.put(id, value);
        return () -> gauges.remove(id);
    }, Map.of("application", "/"));

    private Number gauge(String id) {
        assertTrue(gauges.containsKey(id), () -> id + " not in " + gauges.keySet());
        return gauges.get(id).get();
    }

    @Test
    void aRouteAndStatusArePublishedWithTheirFirstRequestThenCountAndTime() {
        ForwardingMetrics metrics = new ForwardingMetrics();
        metrics.publishTo(registry);
        assertFalse(gauges.keySet().stream().anyMatch(id -> id.startsWith("edgeauth.edge.forwarded")));
        metrics.record("orders", 200, 3_000_000);
        metrics.record("orders", 200, 5_000_000);
        metrics.record("orders", 502, 1_000_000);
        assertEquals(2L, gauge("edgeauth.edge.forwarded{application=/, route=orders, status=200}"));
        assertEquals(1L, gauge("edgeauth.edge.forwarded{application=/, route=orders, status=502}"));
        assertEquals(4.0, gauge("edgeauth.edge.forwarding.millis.mean{application=/, route=orders, status=200}"));
        assertEquals(5L, gauge("edgeauth.edge.forwarding.millis.max{application=/, route=orders, status=200}"));
        metrics.rejectionCounts().count(ReasonCode.BACKEND_UNAVAILABLE);
        assertEquals(1L, gauge("edgeauth.edge.forwarding.rejections{application=/, reason=backend_unavailable}"));
        registry.close();
        assertTrue(gauges.isEmpty(), "gone with the application");
    }

    @Test
    void signInRefusalsArePublishedByReasonFromZero() {
        RejectionCounts refusals = new RejectionCounts();
        refusals.publishTo(registry, "edgeauth.edge.signin.rejections", "");
        assertEquals(0L, gauge("edgeauth.edge.signin.rejections{application=/, reason=idp_unavailable}"));
        refusals.count(ReasonCode.IDP_UNAVAILABLE);
        assertEquals(1L, gauge("edgeauth.edge.signin.rejections{application=/, reason=idp_unavailable}"));
        assertEquals(Map.of("idp_unavailable", 1L), new SignInMetrics(refusals).getRejections());
    }
}
