package io.github.edgeauth.benchmarks.endtoend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The end-to-end benchmark's last phase: anonymous page views with 6 KB queries at the edge, as it gets from
 * crawlers or from anyone at all. Each must be sent to sign in at the provider and leave nothing behind: the
 * edge's heap after a full GC is read before and after (a server session per view, as there once was, grew it
 * by hundreds of MiB in 20 s), the first reading after a few seconds of the same views.
 */
final class AnonymousPageViews {
    static final double HEAP_GROWTH_BAR_MIB = 16;
    static final int QUERY_LENGTH = 6 * 1024;
    /** Anonymous views before the first reading, so that the reading after shows what the views left behind. */
    static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final double MIB = 1024 * 1024;
    /** The only cookie an anonymous view may get: the sign-in in progress, which the browser keeps. */
    private static final List<String> SIGN_IN_COOKIES = List.of("edgeauth-login=", "__Host-edgeauth-login=");

    /** What the phase saw: the failure, when any, and the heap's growth in MiB. */
    record Outcome(Optional<String> failure, double heapGrowthMib) {
    }

    private final Wrk wrk;
    private final HttpClient http;

    AnonymousPageViews(Wrk wrk, HttpClient http) {
        this.wrk = wrk;
        this.http = http;
    }

    /** Proves one view, then loads the edge (process {@code edgePid}) for {@code duration}. */
    Outcome run(long edgePid, URI page, String provider, Duration duration) throws Exception {
        prove(page, provider);
        System.out.printf(Locale.ROOT, "%nAnonymous page views at the edge: wrk 2 threads 32 connections, %d s, GET %s?q="
                + "<%d URL-safe characters, different each time> as a browser's navigation, no cookies%n",
                duration.toSeconds(), page.getRawPath(), QUERY_LENGTH);
        Wrk.Result result;
        ServerJmx.Reading before;
        ServerJmx.Reading after;
        try (ServerJmx jmx = ServerJmx.attach(edgePid)) {
            // What the path makes once, whatever the number of views (its code, the server's threads and buffers
            // for 6 KB requests, the JMX agent just attached), comes before the first reading: without this a CI run
            // and a local one read 21 MiB of growth, where another run of the same code read 6.7 MiB from a higher
            // first reading to the same level after.
            wrk.pageViews(page, QUERY_LENGTH, provider, 2, 32, WARM_UP);
            before = jmx.reading();
            result = wrk.pageViews(page, QUERY_LENGTH, provider, 2, 32, duration);
            after = jmx.reading();
        }
        System.out.printf(Locale.ROOT, "%d requests (%.0f req/s): the sign-in redirect (302 to the provider) %d,"
                        + " answers by kind %s, socket errors %d%n", result.requests(), result.perSecond(),
                result.answered(Wrk.SIGN_IN), result.answers(), result.socketErrors());
        double growth = (after.heapAfterGcBytes() - before.heapAfterGcBytes()) / MIB;
        System.out.printf(Locale.ROOT, "edge heap after a full GC: %.1f MiB before, %.1f MiB after, growth %.1f MiB%n",
                before.heapAfterGcBytes() / MIB, after.heapAfterGcBytes() / MIB, growth);
        Optional<String> failure = result.failure(Wrk.SIGN_IN).map(why -> "anonymous page views: " + why);
        return new Outcome(failure, growth);
    }

    /**
     * An anonymous page view gets the sign-in redirect and no cookie but the sign-in's own (no server session);
     * a request that is no navigation (it accepts no HTML) gets 401.
     */
    private void prove(URI page, String provider) throws IOException, InterruptedException {
        URI withQuery = URI.create(page + "?q=" + "x".repeat(QUERY_LENGTH));
        HttpResponse<Void> view = http.send(HttpRequest.newBuilder(withQuery).header("Accept", "text/html,*/*;q=0.8")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        String location = view.headers().firstValue("Location").orElse("");
        if (view.statusCode() != 302 || !location.startsWith(provider)) {
            throw new IllegalStateException("an anonymous page view got " + view.statusCode() + " to " + location
                    + ", not a 302 to " + provider);
        }
        List<String> cookies = view.headers().allValues("Set-Cookie");
        if (cookies.stream().anyMatch(c -> SIGN_IN_COOKIES.stream().noneMatch(c::startsWith))) {
            throw new IllegalStateException("an anonymous page view got a cookie other than the sign-in's: " + cookies);
        }
        int api = http.send(HttpRequest.newBuilder(page).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (api != 401) {
            throw new IllegalStateException("an anonymous request for JSON got " + api + ", not 401");
        }
        System.out.printf(Locale.ROOT, "verified anonymous page view 302 to the provider, no session cookie; a request"
                + " for JSON 401%n");
    }
}
