package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.metrics.ManagedBeans;
import io.github.edgeauth.core.internal.metrics.ServerMetrics;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * One cached service token, kept fresh:
 * <ul>
 * <li>single flight: any number of callers without a valid token cause exactly one token request;</li>
 * <li>refresh ahead: from the token's refresh time on, callers get the still-valid token at once while one
 *     background request fetches the next; nobody waits on a refresh after the first token;</li>
 * <li>provider down: the cached token is used while valid; background attempts back off exponentially with
 *     jitter; with nothing valid left, calls fail at once with the last failure instead of hanging.</li>
 * </ul>
 */
final class TokenSource {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.client");
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Supplier<Token> fetcher;
    private final Supplier<URI> describe;
    private final Clock clock;
    private final Duration timeout;
    private final Executor background;
    private Runnable onClose = () -> { };
    private Optional<ObjectName> statistics = Optional.empty();
    private ServerMetrics published = ServerMetrics.none();

    private volatile Token current;
    // Guarded by this:
    private CompletableFuture<Token> inFlight;
    private Instant nextAttempt = Instant.MIN;
    private int failures;
    private ServiceTokenUnavailableException lastFailure;

    private final LongAdder received = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder waits = new LongAdder();

    TokenSource(TokenEndpoint endpoint, Clock clock, Duration timeout, Executor background) {
        this(endpoint::fetch, endpoint::describe, clock, timeout, background);
        this.onClose = endpoint::close;
    }

    /** @param fetch one token request; {@code describe} names where tokens come from, for messages */
    TokenSource(Supplier<Token> fetch, Supplier<URI> describe, Clock clock, Duration timeout, Executor background) {
        this.fetcher = fetch;
        this.describe = describe;
        this.clock = clock;
        this.timeout = timeout;
        this.background = background;
    }

    /** A valid token, fetched only when none is cached. */
    Token token() {
        Instant now = clock.instant();
        Token cached = current;
        if (cached != null && cached.usableAt(now)) {
            if (cached.dueAt(now)) {
                refreshInBackground(now);
            }
            return cached;
        }
        CompletableFuture<Token> fetch;
        synchronized (this) {
            if (inFlight == null && lastFailure != null && now.isBefore(nextAttempt)) {
                throw lastFailure; // fail fast while the provider is known to be failing
            }
            fetch = start();
        }
        waits.increment();
        try {
            return fetch.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServiceTokenUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ServiceTokenUnavailableException(describe.get(), 0, "failed: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            throw new ServiceTokenUnavailableException(describe.get(), 0, "no answer within " + timeout.toMillis() * 2 + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenUnavailableException(describe.get(), 0, "interrupted");
        }
    }

    /** Releases what the token requests hold (the HTTP client's threads), the JMX bean and the metrics. */
    void close() {
        onClose.run();
        ManagedBeans.unregister(statistics);
        published.close();
    }

    /** Shows this source's numbers in JMX, and in the server's MicroProfile Metrics, for client {@code name}. */
    void registerStatistics(String name, int index) {
        published = ServerMetrics.forServer(Map.of("client", name, "source", String.valueOf(index)));
        published.gauge("edgeauth.client.tokens.received", "Token requests the provider answered with a token",
                Map.of(), received::sum);
        published.gauge("edgeauth.client.token.requests.failed", "Token requests that failed", Map.of(), failed::sum);
        published.gauge("edgeauth.client.caller.waits", "Calls that had to wait for a token request", Map.of(),
                waits::sum);
        statistics = ManagedBeans.register("ServiceTokenClient", Map.of("client", name, "source", String.valueOf(index)),
                new ServiceTokenClientMXBean() {
                    @Override
                    public long getTokensReceived() {
                        return received.sum();
                    }

                    @Override
                    public long getTokenRequestsFailed() {
                        return failed.sum();
                    }

                    @Override
                    public long getCallerWaits() {
                        return waits.sum();
                    }
                });
    }

    /** The token requests made so far, and how many callers had to wait for one. */
    TokenStatistics statistics() {
        return new TokenStatistics(received.sum(), failed.sum(), waits.sum());
    }

    /** Forgets {@code value} if it is the cached token (a downstream said it is invalid). */
    void invalidate(String value) {
        synchronized (this) {
            Token cached = current;
            if (cached != null && cached.value().equals(value)) {
                current = null;
            }
        }
    }

    private synchronized void refreshInBackground(Instant now) {
        if (inFlight == null && !now.isBefore(nextAttempt)) {
            start();
        }
    }

    private synchronized CompletableFuture<Token> start() {
        if (inFlight != null) {
            return inFlight;
        }
        CompletableFuture<Token> fetch = CompletableFuture.supplyAsync(fetcher, background);
        inFlight = fetch;
        fetch.whenComplete((token, error) -> finished(fetch, token, error));
        return fetch;
    }

    private synchronized void finished(CompletableFuture<Token> fetch, Token token, Throwable error) {
        if (inFlight == fetch) {
            inFlight = null;
        }
        if (token != null) {
            received.increment();
            current = token;
            failures = 0;
            nextAttempt = Instant.MIN;
            lastFailure = null;
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        lastFailure = cause instanceof ServiceTokenUnavailableException unavailable ? unavailable
                : new ServiceTokenUnavailableException(describe.get(), 0, "failed: " + cause.getClass().getSimpleName());
        failures++;
        failed.increment();
        long base = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 16));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        nextAttempt = clock.instant().plusMillis(jittered);
        LOG.warning(() -> "edgeauth token request failed endpoint=" + describe.get() + " failures=" + failures
                + " retry_in_ms=" + jittered + " problem=" + lastFailure.getMessage());
    }
}
