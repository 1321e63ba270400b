package io.github.edgeauth.core.internal.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * edgeauth's numbers in the server's MicroProfile Metrics (its application registry, scraped at the server's
 * {@code /metrics}), where the server has MicroProfile Metrics and the application has CDI; nothing otherwise,
 * the JMX beans of {@link ManagedBeans} are there either way. Each metric is a gauge reading a count edgeauth
 * keeps anyway, so publishing costs nothing per request. {@link #close()} removes every metric it added.
 */
public final class ServerMetrics implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServerMetrics.class.getName());

    private final Optional<Registry> registry;
    private final Map<String, String> tags;
    private final Set<String> added = ConcurrentHashMap.newKeySet();
    private final List<Runnable> removals = new ArrayList<>();

    private ServerMetrics(Optional<Registry> registry, Map<String, String> tags) {
        this.registry = registry;
        this.tags = Map.copyOf(tags);
    }

    /** The server's registry, each metric tagged with {@code tags} (the application, say); or none. */
    public static ServerMetrics forServer(Map<String, String> tags) {
        return new ServerMetrics(Registry.find(), tags);
    }

    /** A publisher into {@code registry}: for tests, and for a registry of another kind. */
    public static ServerMetrics into(Registry registry, Map<String, String> tags) {
        return new ServerMetrics(Optional.of(registry), tags);
    }

    /** A publisher that publishes nothing: for tests, and where there is no server. */
    public static ServerMetrics none() {
        return new ServerMetrics(Optional.empty(), Map.of());
    }

    /** Whether metrics go anywhere. */
    public boolean publishing() {
        return registry.isPresent();
    }

    /**
     * Publishes {@code value} as the gauge {@code name} with this publisher's tags and {@code moreTags}; a
     * second call for the same name and tags does nothing, so it may be called whenever a new tag value shows up.
     */
    public void gauge(String name, String description, Map<String, String> moreTags, Supplier<? extends Number> value) {
        if (registry.isEmpty()) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.putAll(moreTags);
        if (!added.add(name + all)) {
            return;
        }
        try {
            Runnable removal = registry.get().gauge(name, description, all, value);
            synchronized (removals) {
                removals.add(removal);
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "edgeauth: metric " + name + " not published (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Removes every metric this publisher added. */
    @Override
    public void close() {
        synchronized (removals) {
            for (Runnable removal : removals) {
                try {
                    removal.run();
                } catch (RuntimeException e) {
                    LOG.fine(() -> "edgeauth: a metric was already gone");
                }
            }
            removals.clear();
        }
        added.clear();
    }

    /** The MicroProfile registry, behind an interface so this class loads where MicroProfile is absent. */
    public interface Registry {
        /** Adds the gauge (replacing a stale one); returns what removes it. */
        Runnable gauge(String name, String description, Map<String, String> tags, Supplier<? extends Number> value);

        static Optional<Registry> find() {
            ClassLoader loader = ServerMetrics.class.getClassLoader();
            try {
                Class.forName("org.eclipse.microprofile.metrics.MetricRegistry", false, loader);
                Class.forName("jakarta.enterprise.inject.spi.CDI", false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
            try {
                return Optional.of(MicroProfileRegistry.current());
            } catch (RuntimeException | LinkageError e) {
                // No CDI container for this application, or no registry bean in it.
                LOG.fine(() -> "edgeauth: no MicroProfile Metrics registry (" + e + ")");
                return Optional.empty();
            }
        }
    }
}
