package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.internal.web.PublicOrigin;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import jakarta.servlet.http.HttpServletRequest;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.util.Pac4jConstants;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.session.JEESessionStore;
import org.pac4j.oidc.profile.OidcProfile;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * pac4j's session store, without the container's session. A sign-in in progress (state, nonce, PKCE verifier,
 * return URL) lives in the request and then in the browser's {@link PendingSignInCookie}: no session exists before
 * a sign-in completes, so anonymous traffic costs no lasting memory. Whatever else pac4j keeps (the profile its
 * callback makes) lives in the request, where the sign-in callback takes it into the edge's own session. pac4j's
 * "authentication already attempted" mark is not kept at all: the edge's failure page already stops loops.
 * Stateless; one per edge.
 */
public final class PendingSignInStore extends JEESessionStore {
    private static final String ATTRIBUTE = PendingSignInStore.class.getName();
    private static final String VALUES = PendingSignInStore.class.getName() + ".values";

    private final PendingSignInCookie cookie;
    private final PublicOrigin publicOrigin;
    private final String stateKey;
    private final String nonceKey;
    private final String verifierKey;
    private final String attemptedKey;

    PendingSignInStore(IndirectClient client, PendingSignInCookie cookie, PublicOrigin publicOrigin) {
        this.cookie = cookie;
        this.publicOrigin = publicOrigin;
        this.stateKey = client.getStateSessionAttributeName();
        this.nonceKey = client.getNonceSessionAttributeName();
        this.verifierKey = client.getCodeVerifierSessionAttributeName();
        this.attemptedKey = client.getName() + IndirectClient.ATTEMPTED_AUTHENTICATION_SUFFIX;
    }

    @Override
    public Optional<Object> get(WebContext context, String key) {
        if (key.equals(attemptedKey)) {
            return Optional.empty();
        }
        if (!pendingKey(key)) {
            return Optional.ofNullable(requestScoped(((JEEContext) context).getNativeRequest()).get(key));
        }
        PendingSignIn pending = pending(((JEEContext) context).getNativeRequest());
        if (key.equals(stateKey)) {
            return pending.state().map(State::new);
        } else if (key.equals(nonceKey)) {
            return pending.nonce().map(Object.class::cast);
        } else if (key.equals(verifierKey)) {
            return pending.codeVerifier().map(CodeVerifier::new);
        }
        return pending.returnUrl().map(Object.class::cast);
    }

    @Override
    public void set(WebContext context, String key, Object value) {
        if (key.equals(attemptedKey)) {
            return;
        }
        if (!pendingKey(key)) {
            if (value == null) {
                requestScoped(((JEEContext) context).getNativeRequest()).remove(key);
            } else {
                requestScoped(((JEEContext) context).getNativeRequest()).put(key, value);
            }
            return;
        }
        HttpServletRequest request = ((JEEContext) context).getNativeRequest();
        PendingSignIn pending = pending(request);
        if (key.equals(stateKey)) {
            pending = pending.withState(value instanceof State state ? state.getValue() : null);
        } else if (key.equals(nonceKey)) {
            pending = pending.withNonce(value instanceof String nonce ? nonce : null);
        } else if (key.equals(verifierKey)) {
            pending = pending.withCodeVerifier(value instanceof CodeVerifier verifier ? verifier.getValue() : null);
        } else {
            pending = pending.withReturnUrl(value instanceof String url ? url : null);
        }
        request.setAttribute(ATTRIBUTE, pending);
    }

    /** No server session: nothing to renew (a sign-in always starts a new edge session, {@code EdgeSessions}). */
    @Override
    public boolean renewSession(WebContext context) {
        return false;
    }

    @Override
    public boolean destroySession(WebContext context) {
        return false;
    }

    @Override
    public Optional<String> getSessionId(WebContext context, boolean createSession) {
        return Optional.empty();
    }

    /** The profile pac4j's callback saved in this request, when it signed somebody in. */
    public Optional<OidcProfile> signedIn(HttpServletRequest request) {
        if (requestScoped(request).get(Pac4jConstants.USER_PROFILES) instanceof Map<?, ?> profiles) {
            return profiles.values().stream().filter(OidcProfile.class::isInstance).map(OidcProfile.class::cast)
                    .findFirst();
        }
        return Optional.empty();
    }

    /** Starts this request's sign-in afresh, whatever pending one its cookie carries. */
    public void startAfresh(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, PendingSignIn.NONE);
    }

    /** The sign-in this request started, as the cookie that carries it to the callback; nothing when none. */
    public Optional<PendingSignIn> started(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending ? Optional.of(pending) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requestScoped(HttpServletRequest request) {
        if (request.getAttribute(VALUES) instanceof Map<?, ?> values) {
            return (Map<String, Object>) values;
        }
        Map<String, Object> values = new HashMap<>();
        request.setAttribute(VALUES, values);
        return values;
    }

    private boolean pendingKey(String key) {
        return key.equals(stateKey) || key.equals(nonceKey) || key.equals(verifierKey)
                || key.equals(Pac4jConstants.REQUESTED_URL);
    }

    private PendingSignIn pending(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending) {
            return pending;
        }
        // Only read at the callback: the cookie started with the state the provider sent back.
        PendingSignIn fromCookie = cookie.read(request, publicOrigin.secure(request),
                Optional.ofNullable(request.getParameter("state"))).orElse(PendingSignIn.NONE);
        request.setAttribute(ATTRIBUTE, fromCookie);
        return fromCookie;
    }
}
