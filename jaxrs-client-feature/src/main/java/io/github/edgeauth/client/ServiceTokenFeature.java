package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.config.Settings;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The entry point for service-to-service calls: a JAX-RS {@link Feature} that gives every request of a
 * client a cached client_credentials token ({@code Authorization: Bearer}), retries once with a new token
 * when the downstream answers 401 {@code invalid_token} for that token (not for the user context), and
 * passes on the user context of the request being served.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(new ServiceTokenFeature("inventory"));
 * }</pre>
 *
 * For MicroProfile Rest Client, subclass it with a no-argument constructor naming the client and register
 * that class: {@code @RegisterProvider(InventoryTokens.class)}. Settings are
 * {@code edgeauth.client.<name>.*}, from system properties, env vars or MicroProfile Config. The token and
 * the user's context go only to the client's {@code base-urls} (or its Rest Client URL), never across a
 * redirect.
 */
public class ServiceTokenFeature implements Feature {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.client");
    /**
     * A documented cache shared by every feature of the JVM: one token source per {@link TokenSourceKey} (token
     * endpoint or issuer, client id, scopes, audience, and how the client authenticates with which credential),
     * so clients built again and again share one token, and no client gets a token fetched with other credentials.
     */
    private static final Map<TokenSourceKey, TokenSource> SOURCES = new ConcurrentHashMap<>();
    /** Background refreshes: a few daemon threads, shared like the cache, stopped by {@link #release()}. */
    private static ExecutorService background = newBackground();

    /** Jersey's property for following redirects (named here so the feature needs no Jersey at compile time). */
    static final String JERSEY_FOLLOW_REDIRECTS = "jersey.config.client.followRedirects";

    private final TokenSource tokens;
    private final ClientConfiguration config;
    private final Supplier<Propagation> propagation;

    /** The client named {@code name}, configured by {@code edgeauth.client.<name>.*}. */
    public ServiceTokenFeature(String name) {
        this(ClientConfiguration.read(name, Settings.standalone()), Propagation.fromCurrentRequest(), null);
    }

    /** For tests: explicit settings, a clock of their own (a private token source) and the propagation source. */
    ServiceTokenFeature(ClientConfiguration config, Supplier<Propagation> propagation, Clock clock) {
        this.config = config;
        this.propagation = propagation;
        if (clock == null) {
            this.tokens = SOURCES.computeIfAbsent(TokenSourceKey.of(config), k -> {
                warnOfDevelopmentMode(config);
                TokenSource source = new TokenSource(new TokenEndpoint(config, Clock.systemUTC()), Clock.systemUTC(),
                        config.timeout(), background());
                source.registerStatistics(config.name(), SOURCES.size());
                return source;
            });
        } else {
            warnOfDevelopmentMode(config);
            this.tokens = new TokenSource(new TokenEndpoint(config, clock), clock, config.timeout(), background());
        }
    }

    /** One warning per token source made, so per client and not per feature when clients are built often. */
    private static void warnOfDevelopmentMode(ClientConfiguration config) {
        if (config.development()) {
            LOG.warning(() -> "edgeauth client " + config.name() + " in development mode ("
                    + ClientSettings.DEVELOPMENT.name() + "=true): plain-http token endpoint and issuer URLs are"
                    + " accepted on any host. Never in production.");
        }
    }

    /** Settings given as a map (tests, or code that configures clients itself), for client {@code name}. */
    static ServiceTokenFeature of(String name, Map<String, String> settings, Supplier<Propagation> propagation,
                                  Clock clock) {
        return new ServiceTokenFeature(ClientConfiguration.read(name, Settings.of(settings, Map.of())), propagation, clock);
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new ClientFilters.BearerToken(tokens, config.downstreams(), config.name()));
        context.register(new ClientFilters.RetryOnInvalidToken(tokens, config.contextHeader()));
        if (config.propagateContext()) {
            context.register(new ClientFilters.ContextPropagation(config.contextHeader(), propagation,
                    config.downstreams()));
        }
        // A redirect would carry the user's context (and, on some clients, the token) to wherever it points.
        // Jersey follows redirects unless told not to; RESTEasy and MicroProfile Rest Client do not by default.
        context.property(JERSEY_FOLLOW_REDIRECTS, false);
        return true;
    }

    private static synchronized ExecutorService background() {
        if (background.isShutdown()) {
            background = newBackground();
        }
        return background;
    }

    private static ExecutorService newBackground() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "edgeauth-token-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Empties the shared token cache and stops the refresh threads: called by {@link ClientLifecycle} when the
     * web application stops, so none of its classes stays loaded through them.
     */
    static synchronized void release() {
        background.shutdownNow();
        SOURCES.values().forEach(TokenSource::close);
        SOURCES.clear();
    }

    /** How this client's token requests have gone so far. */
    public TokenStatistics tokenStatistics() {
        return tokens.statistics();
    }

    TokenSource tokens() {
        return tokens;
    }
}
