package io.github.edgeauth.edge.internal.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the edge's sessions are kept, serialized ({@link SessionBytes}), by id: the data grid's JCache cache
 * ({@link GridSessionStore}), shared by every edge node, or one node's memory. An entry lives {@code kept} after it
 * was last written. Values are strings, so a conditional write compares them by content wherever they are kept.
 */
interface SessionStore {
    /** The name of the data grid's cache. */
    String CACHE = "edgeauth-edge-sessions";

    Optional<String> get(String id);

    void put(String id, String session);

    /** Writes {@code session} if the store holds {@code expected} now; true when it did. */
    boolean replace(String id, String expected, String session);

    void remove(String id);

    String describe();

    /** This node's memory (a documented cache owned by the edge's initializer): expired entries go as new ones come. */
    final class Local implements SessionStore {
        private record Entry(String session, long writtenAt) {
        }

        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        private final Duration kept;
        private final Clock clock;

        Local(Duration kept, Clock clock) {
            this.kept = kept;
            this.clock = clock;
        }

        @Override
        public Optional<String> get(String id) {
            Entry entry = entries.get(id);
            return entry == null || expired(entry) ? Optional.empty() : Optional.of(entry.session());
        }

        @Override
        public void put(String id, String session) {
            entries.values().removeIf(this::expired);
            entries.put(id, new Entry(session, clock.millis()));
        }

        @Override
        public boolean replace(String id, String expected, String session) {
            boolean[] replaced = {false};
            entries.computeIfPresent(id, (key, entry) -> {
                if (expired(entry) || !entry.session().equals(expected)) {
                    return entry;
                }
                replaced[0] = true;
                return new Entry(session, clock.millis());
            });
            return replaced[0];
        }

        @Override
        public void remove(String id) {
            entries.remove(id);
        }

        private boolean expired(Entry entry) {
            return entry.writtenAt() + kept.toMillis() < clock.millis();
        }

        @Override
        public String describe() {
            return "this node";
        }
    }
}
