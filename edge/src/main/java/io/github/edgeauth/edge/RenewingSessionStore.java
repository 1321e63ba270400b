package io.github.edgeauth.edge;

import jakarta.servlet.http.HttpServletRequest;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.context.session.SessionStoreFactory;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.session.JEESessionStore;

/**
 * pac4j's servlet session store, except that a sign-in renews the session with the servlet API's own
 * {@code changeSessionId()}: the signed-in session gets a new id (so a session id planted before the sign-in
 * is worth nothing), and it stays the same session. pac4j's own renewal invalidates the session and makes a
 * new one within one request, which WildFly's distributable session manager never lets go of: the edge's
 * undeployment then waited a minute for it. Stateless; one instance serves every request.
 */
final class RenewingSessionStore extends JEESessionStore {
    private static final RenewingSessionStore INSTANCE = new RenewingSessionStore();
    /** The factory pac4j's configuration takes. */
    static final SessionStoreFactory FACTORY = parameters -> INSTANCE;

    private RenewingSessionStore() {
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
}
