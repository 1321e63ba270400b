package io.github.edgeauth.edge.internal.session;


import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.core.UserContext;

import java.time.Clock;
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
 * all nodes). (A person's own sign-out removes the session from the store, {@link EdgeSessions}.) Kept in the data grid the edge already shares sessions
 * through, as a JCache cache found by JNDI ({@code edgeauth.edge.cache-manager}, Payara's by default); where
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
                        + EdgeSettings.CACHE_MANAGER.name() + "): sessions and back-channel logouts are this node's only");
            }
        }
        return new SignOutRecords(grid.orElseGet(() -> new LocalStore(clock)), clock);
    }

    public String describe() {
        return store.describe();
    }

    /** Where the records are kept, which also holds the refresh leases of sessions. */
    SignOutStore store() {
        return store;
    }

    /** Records that the provider ended provider session {@code sid} (when given) or else every session of {@code subject}. */
    public void record(Optional<String> sid, String subject) {
        store.put(key(sid, subject), clock.millis());
    }

    /**
     * Whether {@code session} is over for every node: {@code user}'s provider session (or all of the subject's) ended
     * by the provider after the session began.
     */
    boolean ended(UserContext user, EdgeSession session) {
        String subject = key(Optional.empty(), user.subject());
        Optional<String> providerSession = user.sessionId().map(sid -> key(Optional.of(sid), user.subject()));
        Set<String> keys = new HashSet<>(List.of(subject));
        providerSession.ifPresent(keys::add);
        Map<String, Long> found = store.getAll(keys); // one round trip, when a node reads the session again
        long started = session.signedInAt();
        return found.getOrDefault(subject, Long.MIN_VALUE) >= started
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
        public boolean replace(String key, long old, long millis) {
            return times.replace(key, old, millis);
        }

        @Override
        public void remove(String key) {
            times.remove(key);
        }

        @Override
        public void remove(String key, long millis) {
            times.remove(key, millis);
        }

        @Override
        public String describe() {
            return "this node";
        }
    }
}
