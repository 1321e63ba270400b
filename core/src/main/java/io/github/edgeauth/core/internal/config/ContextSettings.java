package io.github.edgeauth.core.internal.config;

import java.util.List;

/**
 * The settings the edge, the filter and the client share, each with one name and one default: set once for a
 * trust group, they mean the same thing wherever they are read.
 */
public final class ContextSettings {
    /** The header the signed user context travels in. */
    public static final Setting HEADER = Setting.of("edgeauth.context.header", "X-User-Context")
            .formerly("edgeauth.edge.context-header");
    /** The edge's id: the {@code iss} the edge signs and the backends require. */
    public static final Setting ISSUER = Setting.of("edgeauth.context.issuer", "edgeauth-edge")
            .formerly("edgeauth.edge.id");
    /** The trust group: the {@code aud} the edge signs for (routes without their own) and a backend requires. */
    public static final Setting AUDIENCE = Setting.of("edgeauth.context.audience", "edgeauth")
            .formerly("edgeauth.edge.audience");

    /** All of them, in the order the settings table lists them. */
    public static final List<Setting> ALL = List.of(HEADER, ISSUER, AUDIENCE);

    private ContextSettings() {
    }
}
