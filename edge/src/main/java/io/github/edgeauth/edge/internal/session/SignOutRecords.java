package io.github.edgeauth.edge.internal.session;


import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.core.UserContext;
import jakarta.servlet.http.HttpSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The sign-outs every edge node of a cluster sees: when the provider last logged out a provider session
 * ({@code sid}) or a subject (a back-channel logout posted to one node ends the sessions that started before it, on
 * all nodes), and which edge sessions a person signed out of at one node (every node ends them at their next
 * request, whatever copy of the session it still holds). Kept in the data grid the edge already shares sessions
 * through, as a JCache cache found by JNDI ({@code edgeauth.edge.logout-cache-manager}, Payara's by default); where
 * there is none, in this node's memory (a documented cache owned by the edge's initializer). Entries live
 * {@link SignOutStore#KEPT}, longer than any edge session is expected to.
 */
public final class SignOutRecords {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    private final SignOutStore store;
    private final Clock clock;

    SignOutRecords(SignOutStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The data grid's logouts when {@code jndiName} names a JCache {@code CacheManager} here, else this
     * node's own ({@code jndiName} {@code local} asks for that).
     */
    public static SignOutRecords at(String jndiName, Clock clock) {
        Optional<SignOutStore> grid = Optional.empty();
        if (!jndiName.equals("local")) {
            try {
                grid = GridSignOutStore.lookup(jndiName);
            } catch (LinkageError noJCache) {
                grid = Optional.empty();
            }
            if (grid.isEmpty()) {
                LOG.info(() -> "edgeauth edge: no JCache CacheManager at JNDI " + jndiName + " ("
                        + EdgeSettings.LOGOUT_CACHE_MANAGER.name() + "): back-channel logouts end sessions on this node only");
            }
        }
        return new SignOutRecords(grid.orElseGet(() -> new LocalStore(clock)), clock);
    }

    public String describe() {
        return store.describe();
    }

    /** Records that the provider ended provider session {@code sid} (when given) or else every session of {@code subject}. */
    public void record(Optional<String> sid, String subject) {
        store.put(key(sid, subject), clock.millis());
    }

    /**
     * Records that the person signed out of edge session {@code sessionId} here, for every node to end it too: the
     * session that began before the sign-out, never a later one that happens to get the same id.
     */
    public void signedOut(String sessionId) {
        try {
            store.put("edge-session:" + sessionId, clock.millis());
        } catch (RuntimeException gridUnavailable) {
            // Ended on this node already; the others end it when their own copy expires.
            LOG.warning(() -> "edgeauth edge: a sign-out could not be recorded for the other nodes error="
                    + gridUnavailable.getClass().getSimpleName());
        }
    }

    /**
     * Whether {@code session} is over for every node: signed out of at any node, or {@code user}'s provider session
     * (or all of the subject's) ended by the provider after the session began.
     */
    boolean ended(UserContext user, HttpSession session) {
        String edgeSession = "edge-session:" + session.getId();
        String subject = key(Optional.empty(), user.subject());
        Optional<String> providerSession = user.sessionId().map(sid -> key(Optional.of(sid), user.subject()));
        Set<String> keys = new HashSet<>(List.of(edgeSession, subject));
        providerSession.ifPresent(keys::add);
        Map<String, Long> found = store.getAll(keys); // one round trip for every request of a session
        long started = session.getCreationTime();
        return found.getOrDefault(edgeSession, Long.MIN_VALUE) >= started
                || found.getOrDefault(subject, Long.MIN_VALUE) >= started
                || providerSession.map(key -> found.getOrDefault(key, Long.MIN_VALUE) >= started).orElse(false);
    }

    /**
     * Records a logout token's {@code jti} for every node; false when any node has seen it already (a
     * replay). One atomic {@code putIfAbsent}, so two nodes given the same token at once cannot both take it.
     */
    public boolean firstUse(String jti, Instant expiresAt) {
        return store.putIfAbsent("jti:" + jti, Math.max(expiresAt.toEpochMilli(), clock.millis()));
    }

    private static String key(Optional<String> sid, String subject) {
        return sid.map(s -> "sid:" + s).orElseGet(() -> "sub:" + subject);
    }

    /** This node's memory: expired entries are dropped as new ones come in. */
    private static final class LocalStore implements SignOutStore {
        private final Map<String, Long> times = new ConcurrentHashMap<>();
        private final Clock clock;

        LocalStore(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Long get(String key) {
            Long at = times.get(key);
            return at == null || at + SignOutStore.KEPT.toMillis() < clock.millis() ? null : at;
        }

        @Override
        public void put(String key, long millis) {
            times.values().removeIf(at -> at + SignOutStore.KEPT.toMillis() < clock.millis());
            times.put(key, millis);
        }

        @Override
        public boolean putIfAbsent(String key, long millis) {
            times.values().removeIf(at -> at + SignOutStore.KEPT.toMillis() < clock.millis());
            return times.putIfAbsent(key, millis) == null;
        }

        @Override
        public String describe() {
            return "this node";
        }
    }
}
