package io.github.edgeauth.edge.internal.signin;

import java.util.Optional;

/**
 * A sign-in that has started and not yet come back from the provider: what pac4j must find again at the
 * callback (state, nonce, PKCE verifier) and where the browser returns after it. Carried by the browser in
 * a {@link PendingSignInCookie}, so an anonymous visitor costs the edge no memory.
 *
 * @param returnUrl an absolute URL on the edge's public origin
 */
public record PendingSignIn(Optional<String> state, Optional<String> nonce, Optional<String> codeVerifier,
                    Optional<String> returnUrl) {
    static final PendingSignIn NONE = new PendingSignIn(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    PendingSignIn withState(String value) {
        return new PendingSignIn(Optional.ofNullable(value), nonce, codeVerifier, returnUrl);
    }

    PendingSignIn withNonce(String value) {
        return new PendingSignIn(state, Optional.ofNullable(value), codeVerifier, returnUrl);
    }

    PendingSignIn withCodeVerifier(String value) {
        return new PendingSignIn(state, nonce, Optional.ofNullable(value), returnUrl);
    }

    PendingSignIn withReturnUrl(String value) {
        return new PendingSignIn(state, nonce, codeVerifier, Optional.ofNullable(value));
    }
}
