package io.github.edgeauth.edge.internal.web;

import java.util.regex.Pattern;

/** The edge's own paths for the login flow. */
public final class EdgePaths {
    /** Where the provider sends the browser back with the authorization code. */
    public static final String CALLBACK = "/callback";
    /** Ends the session locally and at the provider (RP-initiated logout). */
    public static final String LOGOUT = "/logout";
    /** Where the provider posts OIDC back-channel logout tokens. */
    public static final String BACKCHANNEL_LOGOUT = "/backchannel-logout";

    private EdgePaths() {
    }

    /**
     * A path on this origin, and nothing a browser could read as another host: a single leading {@code /}, no
     * backslash (browsers read {@code /\host} as {@code //host}), no white space or control character.
     */
    public static final Pattern SAME_ORIGIN_PATH = Pattern.compile("^/(?![/\\\\])[^\\\\\\x00-\\x20\\x7f]*$");
}
