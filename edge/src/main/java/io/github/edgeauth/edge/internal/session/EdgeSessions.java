package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.UserContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pac4j.oidc.profile.OidcProfile;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The edge's browser sessions: a random id in an {@code HttpOnly} cookie, the {@link EdgeSession} in a
 * {@link SessionStore} (the data grid every node shares, or this node's memory). A session is written only when it
 * changes (a sign-in, a refresh, a backend's new cookie, activity marked at most once per
 * {@link SessionLifetime#touchEvery()}), never around every request as the container's distributable sessions are.
 *
 * <p>Each node keeps a view of the sessions it serves (decoded, with the person's {@link UserContext}): a
 * documented cache, owned by the edge's initializer, of at most {@value #MAX_VIEWS} sessions, each read again from
 * the store after {@link #VIEW_FOR}. So a sign-out or back-channel logout at any node ends the session on every node
 * within that time, and a request of a signed-in browser costs no round trip to the grid in between. A cookie that
 * names no session leaves nothing behind.
 */
public final class EdgeSessions {
    /** How long a node serves a session from its view before it reads the store again. */
    static final Duration VIEW_FOR = Duration.ofMillis(500);
    static final int MAX_VIEWS = 10_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    /** The request attribute that holds the request's {@link EdgeSession}, once found. */
    public static final String REQUEST_ATTRIBUTE = EdgeSessions.class.getName();

    /**
     * One node's view of a session, as {@code stored} in the store when it was read at {@code readAt}
     * (nanoseconds), with the person it signs in.
     */
    public record View(EdgeSession session, UserContext user, long readAt, String stored) {
    }

    /** How often a conditional write is tried again when another node wrote the session meanwhile. */
    private static final int WRITE_ATTEMPTS = 20;

    private final SessionStore store;
    private final SignOutRecords signOuts;
    private final ProfileMapping mapping;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Map<String, View> views = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    EdgeSessions(SessionStore store, SignOutRecords signOuts, ProfileMapping mapping, Clock clock, LongSupplier nanos) {
        this.store = store;
        this.signOuts = signOuts;
        this.mapping = mapping;
        this.clock = clock;
        this.nanos = nanos;
    }

    /**
     * The data grid's sessions when {@code jndiName} names a JCache {@code CacheManager} here, else this node's
     * ({@code local} asks for that); a session is kept {@code kept} after its last write.
     */
    public static EdgeSessions at(String jndiName, Duration kept, SignOutRecords signOuts, ProfileMapping mapping,
                                  Clock clock) {
        Optional<SessionStore> grid = Optional.empty();
        if (!jndiName.equals("local")) {
            try {
                grid = GridSessionStore.lookup(jndiName, kept);
            } catch (LinkageError noJCache) {
                grid = Optional.empty();
            }
        }
        return new EdgeSessions(grid.orElseGet(() -> new SessionStore.Local(kept, clock)), signOuts, mapping, clock,
                System::nanoTime);
    }

    public String describe() {
        return store.describe();
    }

    /** The cookie's name: {@code __Host-} on https (only from https, for {@code /}, without {@code Domain}). */
    static String cookieName(boolean secure) {
        return secure ? "__Host-edgeauth-session" : "edgeauth-session";
    }

    /** Every name the session cookie has, which a backend must never be sent. */
    public static final Set<String> NAMES = Set.of(cookieName(true), cookieName(false));

    /**
     * The session the request's cookie names, when the store holds it and it has not been signed out of (a back-channel
     * logout of its provider session or subject after it began ends it here).
     */
    public Optional<View> find(HttpServletRequest request, boolean secure) {
        Optional<String> id = idOf(request, secure);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        View view = views.get(id.get());
        if (view != null && nanos.getAsLong() - view.readAt() < VIEW_FOR.toNanos()) {
            return Optional.of(view);
        }
        return current(id.get());
    }

    /**
     * Session {@code id} as the store has it now, unless it was signed out of: a back-channel logout of its provider
     * session or subject after it began ends it here.
     */
    Optional<View> current(String id) {
        Optional<View> read = reread(id);
        if (read.isPresent() && (read.get().user().isAnonymous() || signOuts.ended(read.get().user(), read.get().session()))) {
            forget(id);
            return Optional.empty();
        }
        return read;
    }

    /**
     * Starts a session for {@code profile}, just signed in, and sets its cookie: a new id every time, and the
     * browser's previous session, if any, ends.
     */
    public EdgeSession begin(OidcProfile profile, HttpServletRequest request, HttpServletResponse response,
                             boolean secure) {
        idOf(request, secure).ifPresent(this::forget);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        EdgeSession session = new EdgeSession(id, profile, now, now, Set.of());
        String stored = SessionBytes.of(session);
        store.put(id, stored);
        View view = keep(viewOf(session, null, stored));
        mapping.explainMissingRoles(view.user(), profile);
        response.addHeader("Set-Cookie", cookieName(secure) + "=" + id + "; Path=" + cookiePath(request, secure)
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
        return session;
    }

    /**
     * Changes session {@code id} as it is in the store now, for every node: a conditional write, tried again on what
     * another node wrote meanwhile, so that no change (a refreshed token, a cookie, the time last seen) is lost.
     * Empty when the session no longer exists; unchanged, with a log line, when the store kept changing under it.
     */
    Optional<View> update(String id, UnaryOperator<EdgeSession> change) {
        Optional<View> current = Optional.empty();
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            current = reread(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            EdgeSession changed = change.apply(current.get().session());
            if (changed.equals(current.get().session())) {
                return current;
            }
            String stored = SessionBytes.of(changed);
            if (store.replace(id, current.get().stored(), stored)) {
                return Optional.of(keep(viewOf(changed, current.get(), stored)));
            }
        }
        LOG.warning(() -> "edgeauth edge: a session kept changing while it was written; the change is dropped");
        return current;
    }

    /**
     * Remembers a backend cookie ({@code name + '\t' + path}) in {@code session}, when it is new and the session
     * holds fewer than {@link BackendCookies#MAX}: written to the store then only.
     */
    void remember(EdgeSession session, String cookie) {
        if (!session.backendCookies().contains(cookie) && session.backendCookies().size() < BackendCookies.MAX) {
            update(session.id(), stored -> stored.backendCookies().size() < BackendCookies.MAX
                    ? stored.withBackendCookie(cookie) : stored);
        }
    }

    /** Ends {@code session} on every node, and its cookie in this browser. */
    public void end(EdgeSession session, HttpServletRequest request, HttpServletResponse response, boolean secure) {
        forget(session.id());
        response.addHeader("Set-Cookie", cookieName(secure) + "=; Path=" + cookiePath(request, secure)
                + "; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** {@code /} for a {@code __Host-} cookie (it must be); otherwise the edge's own path, not its neighbours'. */
    private static String cookiePath(HttpServletRequest request, boolean secure) {
        String context = request.getContextPath();
        return secure || context.isEmpty() ? "/" : context;
    }

    /** Reads every session from the store at its next request: after a back-channel logout, so it counts at once. */
    public void forgetViews() {
        views.clear();
    }

    /** The session as the store has it now (another node may have changed it), kept as this node's view. */
    Optional<View> reread(String id) {
        Optional<String> stored = store.get(id);
        Optional<EdgeSession> session = stored.flatMap(SessionBytes::read).filter(s -> s.id().equals(id));
        if (session.isEmpty()) {
            views.remove(id);
            return Optional.empty();
        }
        return Optional.of(keep(viewOf(session.get(), views.get(id), stored.get())));
    }

    private void forget(String id) {
        views.remove(id);
        try {
            store.remove(id);
        } catch (RuntimeException gridUnavailable) {
            LOG.warning(() -> "edgeauth edge: a session could not be ended for the other nodes error="
                    + gridUnavailable.getClass().getSimpleName());
        }
    }

    private Optional<String> idOf(HttpServletRequest request, boolean secure) {
        return cookieValue(request, cookieName(secure)).filter(value -> ID.matcher(value).matches());
    }

    /**
     * The view of {@code session}, read now: the person is mapped again unless the profile is the very one of the
     * previous view, or stored the same.
     */
    private View viewOf(EdgeSession session, View previous, String stored) {
        boolean sameProfile = previous != null && (previous.session().profile() == session.profile()
                || previous.stored().equals(stored));
        UserContext user = sameProfile ? previous.user() : mapping.toUser(session.profile());
        return new View(session, user, nanos.getAsLong(), stored);
    }

    private View keep(View view) {
        if (views.size() >= MAX_VIEWS) {
            long now = nanos.getAsLong();
            views.values().removeIf(old -> now - old.readAt() >= VIEW_FOR.toNanos());
            if (views.size() >= MAX_VIEWS) {
                views.clear();
            }
        }
        views.put(view.session().id(), view);
        return view;
    }

    private static Optional<String> cookieValue(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && cookie.getValue() != null) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
