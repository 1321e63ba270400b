package io.github.edgeauth.edge;

import java.util.Optional;

/**
 * A sign-in that has started and not yet come back from the provider: what pac4j must find again at the
 * callback (state, nonce, PKCE verifier) and where the browser returns after it. Carried by the browser in
 * a {@link PendingLoginCookie}, so an anonymous visitor costs the edge no memory.
 *
 * @param returnUrl an absolute URL on the edge's public origin
 */
record PendingLogin(Optional<String> state, Optional<String> nonce, Optional<String> codeVerifier,
                    Optional<String> returnUrl) {
    static final PendingLogin NONE = new PendingLogin(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    PendingLogin withState(String value) {
        return new PendingLogin(Optional.ofNullable(value), nonce, codeVerifier, returnUrl);
    }

    PendingLogin withNonce(String value) {
        return new PendingLogin(state, Optional.ofNullable(value), codeVerifier, returnUrl);
    }

    PendingLogin withCodeVerifier(String value) {
        return new PendingLogin(state, nonce, Optional.ofNullable(value), returnUrl);
    }

    PendingLogin withReturnUrl(String value) {
        return new PendingLogin(state, nonce, codeVerifier, Optional.ofNullable(value));
    }
}
