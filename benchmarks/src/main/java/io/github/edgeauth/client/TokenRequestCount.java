package io.github.edgeauth.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A concurrency run, same JVM, same calls and threads: how many token requests this cache makes against a
 * naive cache that refetches whenever its token is expired (the pattern most teams write). The simulated
 * token endpoint answers after a short delay with tokens that live 200 ms; the callers pause 1 ms every ten
 * calls (their own work), so the run lasts a few seconds and crosses many token lifetimes.
 */
public final class TokenRequestCount {
    public static final int THREADS = 8;
    static final int CALLS_PER_THREAD = 20_000;
    static final Duration LIFETIME = Duration.ofMillis(200);
    static final Duration ENDPOINT_LATENCY = Duration.ofMillis(5);

    /** The two counts over the same calls. */
    public record Result(int edgeauthRequests, int naiveRequests, long calls) {
    }

    private TokenRequestCount() {
    }

    /** Runs both caches, one after the other, and counts their token requests. */
    public static Result run() throws InterruptedException {
        AtomicInteger ours = new AtomicInteger();
        TokenSource source = new TokenSource(endpoint(ours), () -> URI.create("http://127.0.0.1/token"),
                Clock.systemUTC(), Duration.ofSeconds(5), Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                }));
        callConcurrently(() -> source.token().value());

        AtomicInteger naive = new AtomicInteger();
        NaiveCache naiveCache = new NaiveCache(endpoint(naive));
        callConcurrently(naiveCache::token);
        return new Result(ours.get(), naive.get(), (long) THREADS * CALLS_PER_THREAD);
    }

    private static Supplier<Token> endpoint(AtomicInteger requests) {
        return () -> {
            requests.incrementAndGet();
            LockSupport.parkNanos(ENDPOINT_LATENCY.toNanos()); // the provider's answer time
            return Token.issued("token-" + requests.get(), Instant.now(), LIFETIME);
        };
    }

    private static void callConcurrently(Supplier<String> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    call.get();
                    if (i % 10 == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the rest of the caller's work
                    }
                }
                done.countDown();
            });
        }
        done.await();
        pool.shutdown();
    }

    /** The usual hand-written cache: check, and if expired, fetch. No single flight, no refresh ahead. */
    static final class NaiveCache {
        private final Supplier<Token> endpoint;
        private volatile Token token;

        NaiveCache(Supplier<Token> endpoint) {
            this.endpoint = endpoint;
        }

        String token() {
            Token current = token;
            if (current == null || !current.usableAt(Instant.now())) {
                current = endpoint.get();
                token = current;
            }
            return current.value();
        }
    }
}
