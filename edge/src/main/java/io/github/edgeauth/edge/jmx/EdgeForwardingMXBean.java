package io.github.edgeauth.edge.jmx;

import java.util.Map;

/**
 * The edge's forwarding, in JMX as {@code io.github.edgeauth:type=EdgeForwarding,application=...}: requests by
 * route and status ({@code "orders 200"}), how long they took, and the refusals the forwarder answered itself
 * (docs/operations.md says which to alert on). Counts run from the edge's start.
 */
public interface EdgeForwardingMXBean {

    /** Requests by {@code "<route> <status>"}, the status the client got (502/504 when the backend failed). */
    Map<String, Long> getForwarded();

    /** Mean time in milliseconds from the request to the last byte of the answer, by route and status. */
    Map<String, Double> getForwardingMillisMean();

    /** Longest such time in milliseconds, by route and status. */
    Map<String, Long> getForwardingMillisMax();

    /** Refusals by reason code: unknown routes, ambiguous targets, backends down or too slow. */
    Map<String, Long> getRejections();
}
