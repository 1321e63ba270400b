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

import java.util.Optional;

/**
 * pac4j's servlet session store, with two changes. A sign-in in progress (state, nonce, PKCE verifier, return
 * URL) lives in the request and then in the browser's {@link PendingSignInCookie}, never in a server session:
 * no session exists before a sign-in completes, so anonymous traffic costs no lasting memory. pac4j's
 * "authentication already attempted" mark is not kept at all: the edge's failure page already stops loops.
 * And a sign-in renews the session with the servlet API's own {@code changeSessionId()}, so a session id
 * planted before is worth nothing and the session stays the same one (pac4j's own renewal invalidates and
 * remakes it, which WildFly's distributable session manager never lets go of). Stateless; one per edge.
 */
public final class PendingSignInStore extends JEESessionStore {
    private static final String ATTRIBUTE = PendingSignInStore.class.getName();

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
            return super.get(context, key);
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
            super.set(context, key, value);
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

    /** A new id for the request's session, when it has one; true when it did. */
    @Override
    public boolean renewSession(WebContext context) {
        HttpServletRequest request = ((JEEContext) context).getNativeRequest();
        if (request.getSession(false) == null) {
            return false;
        }
        request.changeSessionId();
        return true;
    }

    /** Starts this request's sign-in afresh, whatever pending one its cookie carries. */
    public void startAfresh(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, PendingSignIn.NONE);
    }

    /** The sign-in this request started, as the cookie that carries it to the callback; nothing when none. */
    public Optional<PendingSignIn> started(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending ? Optional.of(pending) : Optional.empty();
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
