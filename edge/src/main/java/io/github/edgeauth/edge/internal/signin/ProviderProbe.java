package io.github.edgeauth.edge.internal.signin;


import io.github.edgeauth.core.internal.http.OwnedHttpClient;
import io.github.edgeauth.core.internal.keys.OidcDiscovery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the provider answers right now, asked before a browser is sent to its login page: pac4j keeps the
 * provider's metadata after the first login, so without this a provider that went down would only show up
 * as a browser error at the provider's address. The answer is remembered: a "yes" for
 * {@link #REMEMBER_UP}, so anonymous page views do not each cost the provider a request, and a "no" for
 * {@link #REMEMBER}, so a burst of logins while the provider is down waits on it once. A provider that just
 * went down is noticed within {@code REMEMBER_UP}; until then a login goes to its (dead) page.
 */
public final class ProviderProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration REMEMBER = Duration.ofSeconds(5);
    static final Duration REMEMBER_UP = Duration.ofSeconds(10);

    private final URI discovery;
    private final OwnedHttpClient http = OwnedHttpClient.build(HttpClient.newBuilder().connectTimeout(TIMEOUT));
    private final Clock clock;
    private volatile Instant checkedAt = Instant.MIN;
    private volatile boolean up;

    public ProviderProbe(String issuer, Clock clock) {
        this.discovery = OidcDiscovery.documentOf(issuer);
        this.clock = clock;
    }

    public boolean providerAnswers() {
        Instant now = clock.instant();
        if (checkedAt.plus(up ? REMEMBER_UP : REMEMBER).isAfter(now)) {
            return up;
        }
        boolean answered;
        try {
            answered = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            answered = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answered = false;
        }
        up = answered;
        checkedAt = now;
        return answered;
    }

    /** Stops the HTTP client's threads. */
    public void close() {
        http.close();
    }
}
