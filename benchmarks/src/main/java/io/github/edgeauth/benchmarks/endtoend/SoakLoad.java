package io.github.edgeauth.benchmarks.endtoend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The soak's callers, each a thread with its own pace: signed-in browsers and API clients calling a route
 * through the edge (and checking whom the backend saw), and one new browser that signs in and out again and
 * again. Every answer goes to the {@link Tally}.
 */
final class SoakLoad implements AutoCloseable {
    /** Callers whose answers are not timed: sign-ins and sign-outs. */
    static final String SIGN_PREFIX = "sign-";
    static final String SIGN_IN = "sign-in";
    static final String SIGN_OUT = "sign-out";
    /** A sign-in's outcome when the edge sent the browser to a provider with nothing listening. */
    static final String PROVIDER_UNREACHABLE = "provider unreachable";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One caller through the edge.
     *
     * @param name         how its answers are counted: {@code <kind>/<route>}
     * @param header       the credential header it sends (a session cookie, or a bearer token)
     * @param expectedName whom the backend must say it saw
     */
    record Caller(String name, URI uri, String header, String value, String expectedName) {
    }

    private final HttpClient http;
    private final javax.net.ssl.SSLContext tls;
    private final Tally tally;
    private final Duration think;
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> deaths = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    /**
     * @param think the mean pause between one caller's requests
     * @param tls   what callers trust (a load balancer's own certificate)
     */
    SoakLoad(Tally tally, Duration think, javax.net.ssl.SSLContext tls) {
        this.tally = tally;
        this.think = think;
        this.tls = tls;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts a thread per caller, and one that signs a new browser in at {@code page} and out again. */
    void start(List<Caller> callers, URI page, URI logout) {
        callers.forEach(caller -> begin("soak-" + caller.name(), () -> call(caller)));
        begin("soak-sign-in", () -> signInAndOut(page, logout));
    }

    private void begin(String name, Runnable loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (RuntimeException | Error e) {
                deaths.add(name + " died of " + e);
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void call(Caller caller) {
        HttpRequest request = HttpRequest.newBuilder(caller.uri()).header(caller.header(), caller.value())
                .header("Accept", "text/plain").timeout(REQUEST_TIMEOUT).build();
        pause(); // callers start spread out, not in one burst
        while (running) {
            Tally.Phase phase = tally.current();
            long start = System.nanoTime();
            String outcome;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                String body = response.body().strip();
                if (response.statusCode() != 200) {
                    outcome = Answers.describe(response);
                } else {
                    outcome = body.equals(caller.expectedName()) ? Tally.OK
                            : "200 as " + (body.length() > 40 ? body.substring(0, 40) : body);
                }
            } catch (IOException e) {
                outcome = failure(e);
            } catch (InterruptedException e) {
                return;
            }
            tally.record(phase, caller.name(), outcome, (System.nanoTime() - start) / 1000);
            pause();
        }
    }

    private void signInAndOut(URI page, URI logout) {
        while (running) {
            Tally.Phase phase = tally.current();
            String outcome;
            String cookie = null;
            try {
                cookie = EdgeCallers.signIn(page, tls);
                outcome = Tally.OK;
            } catch (EdgeCallers.SignInStopped e) {
                outcome = e.atEdge() ? e.answer() : "provider " + e.answer();
            } catch (EdgeCallers.ProviderUnreachable e) {
                outcome = PROVIDER_UNREACHABLE; // the edge sent the browser to a provider that is down
            } catch (IOException | IllegalStateException e) {
                outcome = failure(e);
            } catch (InterruptedException e) {
                return;
            }
            // A sign-in is several requests: one that a fault of a later phase explains (its last request was sent
            // then) counts there.
            Tally.Phase ended = tally.current();
            tally.record(ended != phase && ended.allowed().test(SIGN_IN, outcome) ? ended : phase, SIGN_IN, outcome, 0);
            if (cookie != null) {
                signOut(logout, cookie);
            }
            pause();
        }
    }

    /** Signs out at the edge (its 303 sends the browser on to the provider, which is not followed). */
    private void signOut(URI logout, String cookie) {
        Tally.Phase phase = tally.current();
        String outcome;
        try {
            // The sign-out button's POST, from the edge's own page: same origin.
            String origin = logout.getScheme() + "://" + logout.getAuthority();
            int status = http.send(HttpRequest.newBuilder(logout).header("Cookie", cookie).header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            outcome = status / 100 == 3 ? Tally.OK : String.valueOf(status);
        } catch (IOException e) {
            outcome = failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        tally.record(phase, SIGN_OUT, outcome, 0);
    }

    private String failure(Exception e) {
        if (e instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String kind = e.getClass().getSimpleName();
        if (told.add(kind + ": " + e.getMessage())) {
            // The kind is what the tally counts; what it said, once per message, is for whoever reads the run.
            System.out.println("a caller got " + kind + ": " + e.getMessage());
        }
        return kind;
    }

    /** A caller's pause between requests: {@code think} on average, jittered so callers do not march in step. */
    private void pause() {
        long millis = think.toMillis();
        try {
            Thread.sleep(millis / 2 + ThreadLocalRandom.current().nextLong(millis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * The callers that stopped before {@link #close} (call it before): each with what ended it. A caller that
     * ends is a failure: the soak would go on with fewer callers than it says.
     */
    List<String> stopped() {
        List<String> lines = new ArrayList<>(deaths);
        long ended = threads.stream().filter(thread -> !thread.isAlive()).count();
        if (ended > deaths.size()) {
            lines.add((ended - deaths.size()) + " caller threads ended early");
        }
        return lines;
    }

    /** Stops every caller, waiting for the requests in flight. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(REQUEST_TIMEOUT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
