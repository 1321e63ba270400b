package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Objects;

/**
 * A backend's {@link HttpSession} belongs to the caller who made it: the filter stamps it with the caller's
 * subject when it is made, and ends it before the application runs when a request with it comes from anyone
 * else (another subject, or nobody after a sign-out), so a browser signed out at the edge and signed in again
 * as someone else never sees what the last person kept in the application's session. A session made by an
 * anonymous request is ended too when someone signs in with it (as a login renews the session id), so nobody
 * can plant one.
 */
final class SessionOwner {
    /** The session attribute holding the subject of the caller who made the session. */
    static final String ATTRIBUTE = "io.github.edgeauth.session-owner";

    private SessionOwner() {
    }

    /**
     * Ends the request's session, if it has one made by a caller other than {@code caller}; true if it did. Makes
     * no session.
     */
    static boolean endIfAnother(HttpServletRequest request, UserContext caller) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        try {
            if (Objects.equals(session.getAttribute(ATTRIBUTE), ownerOf(caller))) {
                return false;
            }
            session.invalidate();
            return true;
        } catch (IllegalStateException alreadyEnded) {
            return false;
        }
    }

    /** Stamps {@code session} as {@code caller}'s, unless it is stamped already or the caller is anonymous. */
    static void stamp(HttpSession session, UserContext caller) {
        String owner = ownerOf(caller);
        try {
            if (session != null && owner != null && session.getAttribute(ATTRIBUTE) == null) {
                session.setAttribute(ATTRIBUTE, owner);
            }
        } catch (IllegalStateException endedMeanwhile) {
            // another request of this browser ended it: nothing to stamp
        }
    }

    private static String ownerOf(UserContext caller) {
        return caller.isAnonymous() ? null : caller.subject();
    }
}
