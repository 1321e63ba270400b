package io.github.edgeauth.edge;

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
 * as a browser error at the provider's address. One GET of the discovery document per login start (they
 * are rare: one per session); a "no" is remembered for a few seconds, so a burst of logins while the
 * provider is down waits on it once.
 */
final class ProviderProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration REMEMBER = Duration.ofSeconds(5);

    private final URI discovery;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Clock clock;
    private volatile Instant checkedAt = Instant.MIN;
    private volatile boolean up;

    ProviderProbe(String issuer, Clock clock) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.discovery = URI.create(base + "/.well-known/openid-configuration");
        this.clock = clock;
    }

    boolean providerAnswers() {
        Instant now = clock.instant();
        if (!up && checkedAt.plus(REMEMBER).isAfter(now)) {
            return false;
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
}
