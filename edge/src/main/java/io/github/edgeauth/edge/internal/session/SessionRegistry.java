package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.UserContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A documented cache, owned by the edge's initializer: which live HTTP sessions of this edge instance
 * belong to which provider session ({@code sid}) and subject, so a back-channel logout can end them at once.
 * Entries leave with their session.
 */
public final class SessionRegistry implements HttpSessionListener {
    private static final String KEYS = SessionRegistry.class.getName() + ".keys";

    private final Map<String, Set<HttpSession>> byKey = new ConcurrentHashMap<>();

    /** Notes that {@code session} belongs to {@code user}'s provider session and subject; true the first time. */
    boolean remember(HttpSession session, UserContext user) {
        String sidKey = user.sessionId().map(sid -> "sid:" + sid).orElse(null);
        String subKey = "sub:" + user.subject();
        if (subKey.equals(session.getAttribute(KEYS + ".sub"))) {
            return false; // already known: the common case, one map lookup per request at most
        }
        session.setAttribute(KEYS + ".sub", subKey);
        add(subKey, session);
        if (sidKey != null) {
            session.setAttribute(KEYS + ".sid", sidKey);
            add(sidKey, session);
        }
        return true;
    }

    private void add(String key, HttpSession session) {
        byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Ends every session of the provider session {@code sid} (when given) or else of {@code subject}. */
    public int endSessions(String sid, String subject) {
        String key = sid != null ? "sid:" + sid : "sub:" + subject;
        Set<HttpSession> sessions = byKey.remove(key);
        if (sessions == null) {
            return 0;
        }
        int ended = 0;
        for (HttpSession session : sessions) {
            try {
                session.invalidate();
                ended++;
            } catch (IllegalStateException alreadyGone) {
                // invalidated meanwhile
            }
        }
        return ended;
    }

    /**
     * Forgets {@code session} under the keys it recorded itself, so the cost of an expiry does not grow with the
     * number of users or sessions.
     */
    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession session = event.getSession();
        for (String attribute : List.of(KEYS + ".sub", KEYS + ".sid")) {
            Object key;
            try {
                key = session.getAttribute(attribute);
            } catch (IllegalStateException alreadyGone) {
                return;
            }
            if (key instanceof String name) {
                byKey.computeIfPresent(name, (k, sessions) -> {
                    sessions.remove(session);
                    return sessions.isEmpty() ? null : sessions;
                });
            }
        }
    }
}
