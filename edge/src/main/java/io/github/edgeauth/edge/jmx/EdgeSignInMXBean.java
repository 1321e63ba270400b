package io.github.edgeauth.edge.jmx;

import java.util.Map;

/**
 * The edge's sign-in side, in JMX as {@code io.github.edgeauth:type=EdgeSignIn,application=...}: what it refused
 * before any forwarding (an unusable bearer token or session, a failed login, the provider unreachable, a
 * cross-origin sign-out, a bad back-channel logout token). Counts run from the edge's start.
 */
public interface EdgeSignInMXBean {

    /** Refusals by reason code ({@code login_failed}, {@code idp_unavailable}, {@code cross_origin}, ...). */
    Map<String, Long> getRejections();
}
