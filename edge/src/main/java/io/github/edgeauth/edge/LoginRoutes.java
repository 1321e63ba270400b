package io.github.edgeauth.edge;

/** The edge's own paths for the login flow. */
final class LoginRoutes {
    /** Where the provider sends the browser back with the authorization code. */
    static final String CALLBACK = "/callback";
    /** Ends the session locally and at the provider (RP-initiated logout). */
    static final String LOGOUT = "/logout";
    /** Where the provider posts OIDC back-channel logout tokens. */
    static final String BACKCHANNEL_LOGOUT = "/backchannel-logout";

    private LoginRoutes() {
    }
}
