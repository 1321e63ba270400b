package io.github.edgeauth.edge.internal.web;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Optional;

/**
 * The origin browsers use to reach the edge ({@code edgeauth.edge.public-url}, such as
 * {@code https://shop.example.com}): the one source of the redirect URI, the post-logout URI, the URL a
 * browser returns to after sign-in, the edge's own origin in the CSRF check, and the
 * {@code X-Forwarded-Proto/Host/Port} sent to backends. A request with another {@code Host} is served, but
 * never changes them. Only in development mode, when it is not set, is it read from each request.
 */
public final class PublicOrigin {

    private final Optional<URI> configured;

    private PublicOrigin(Optional<URI> configured) {
        this.configured = configured;
    }

    /** The configured origin; {@code url} is absolute with no path, query or fragment. A default port is dropped. */
    public static PublicOrigin of(URI url) {
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http");
        String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]" : url.getHost();
        return new PublicOrigin(Optional.of(URI.create(scheme + "://" + host.toLowerCase(java.util.Locale.ROOT)
                + (port < 0 || defaultPort ? "" : ":" + port))));
    }

    /** Development mode without a configured origin: each request's scheme and Host. */
    public static PublicOrigin fromRequests() {
        return new PublicOrigin(Optional.empty());
    }

    /** The configured origin as text, when there is one. */
    public Optional<String> fixed() {
        return configured.map(URI::toString);
    }

    /** {@code scheme://host[:port]}, without a trailing slash. */
    public String origin(HttpServletRequest request) {
        return scheme(request) + "://" + authority(request);
    }

    public String scheme(HttpServletRequest request) {
        return configured.map(URI::getScheme).orElseGet(request::getScheme);
    }

    /** The host, with the port when it is not the scheme's default. */
    public String authority(HttpServletRequest request) {
        if (configured.isPresent()) {
            return configured.get().getRawAuthority();
        }
        String host = request.getHeader("Host");
        return host != null && RequestScreening.HOST.matcher(host).matches() ? host
                : request.getServerName() + ":" + request.getServerPort();
    }

    public int port(HttpServletRequest request) {
        if (configured.isPresent()) {
            URI url = configured.get();
            return url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        }
        return request.getServerPort();
    }

    /** Whether browsers reach the edge over TLS, so its cookies must be {@code Secure}. */
    public boolean secure(HttpServletRequest request) {
        return scheme(request).equalsIgnoreCase("https");
    }
}
