package io.github.edgeauth.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/** Waits for a started server by polling one of its URLs, with a deadline: never a fixed sleep. */
public final class Readiness {
    private Readiness() {
    }

    /**
     * Polls {@code uri} every {@code interval} until its status satisfies {@code ready}; fails when
     * {@code process} exits or {@code deadline} passes, naming {@code what}.
     */
    public static void await(String what, Process process, URI uri, IntPredicate ready, Duration deadline,
                             Duration interval) {
        await(what, process, uri, ready, deadline, interval, Optional::empty);
    }

    /**
     * As above, failing at once when {@code failure} names one (a failed deployment the server logged while
     * it keeps running, say).
     */
    public static void await(String what, Process process, URI uri, IntPredicate ready, Duration deadline,
                             Duration interval, Supplier<Optional<String>> failure) {
        // HTTP/1.1: the JDK client's h2c upgrade confuses Payara, which then logs a stack trace per probe.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue()
                        + failure.get().map(cause -> ": " + cause).orElse(""));
            }
            Optional<String> failed = failure.get();
            if (failed.isPresent()) {
                throw new IllegalStateException(what + " failed: " + failed.get());
            }
            try {
                // As a browser's page navigation asks: an edge answers that with its sign-in redirect, anything
                // else with a 401.
                int status = http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html,*/*;q=0.8")
                                .timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (ready.test(status)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(interval.toMillis()));
        }
        throw new IllegalStateException(what + " did not answer " + uri + " within " + deadline);
    }
}
