package io.github.edgeauth.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A concurrency run, same JVM, same calls and threads: how many token requests the client feature makes
 * against a naive cache that refetches whenever its token is expired (the pattern most teams write), both
 * against one loopback token endpoint that answers after 5 ms with tokens that live 1 s. The callers pause
 * 1 ms every ten calls (their own work), so each run lasts several seconds and crosses many token lifetimes.
 */
public final class TokenRequestCount {
    public static final int THREADS = 8;
    static final int CALLS_PER_THREAD = 50_000;
    public static final Duration LIFETIME = Duration.ofSeconds(1);
    static final Duration ENDPOINT_LATENCY = Duration.ofMillis(5);

    /** The two counts over the same calls. */
    public record Result(int edgeauthRequests, int naiveRequests, long calls) {
    }

    private TokenRequestCount() {
    }

    /** Runs both caches, one after the other, and counts their token requests. */
    public static Result run() throws InterruptedException, IOException {
        int ours;
        try (TokenEndpointStub endpoint = new TokenEndpointStub(LIFETIME, ENDPOINT_LATENCY)) {
            ClientFeatureFilters feature = new ClientFeatureFilters("count", endpoint.uri(),
                    "http://127.0.0.1/inventory/api", false);
            ThreadLocal<StubRequestContext> requests = ThreadLocal.withInitial(StubRequestContext::new);
            callConcurrently(() -> {
                StubRequestContext request = requests.get();
                request.reset();
                feature.filter(request);
            });
            ours = endpoint.requests();
        }
        int naive;
        try (TokenEndpointStub endpoint = new TokenEndpointStub(LIFETIME, ENDPOINT_LATENCY)) {
            NaiveCache cache = new NaiveCache(endpoint);
            callConcurrently(cache::token);
            naive = endpoint.requests();
        }
        return new Result(ours, naive, (long) THREADS * CALLS_PER_THREAD);
    }

    private static void callConcurrently(Runnable call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    call.run();
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
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final TokenEndpointStub endpoint;
        private volatile String token;
        private volatile Instant expiresAt = Instant.MIN;

        NaiveCache(TokenEndpointStub endpoint) {
            this.endpoint = endpoint;
        }

        void token() {
            if (token == null || !Instant.now().isBefore(expiresAt)) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.uri())
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    token = response.body();
                    expiresAt = Instant.now().plus(LIFETIME);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
