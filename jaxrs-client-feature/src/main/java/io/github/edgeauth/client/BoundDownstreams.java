package io.github.edgeauth.client;


import io.github.edgeauth.core.internal.http.RequestPath;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The downstream base URLs one named client is bound to: only a request inside one of them (same scheme,
 * host and port, and a path at or below the base path, compared in canonical form) gets the service token
 * and the user's context. A partner or webhook URL called with the same client gets neither.
 */
record BoundDownstreams(List<URI> bases) {

    BoundDownstreams {
        bases = List.copyOf(bases);
    }

    /** Whether a request to {@code target} may carry this client's credentials. */
    boolean covers(URI target) {
        if (target == null || target.getScheme() == null || target.getHost() == null) {
            return false;
        }
        Optional<String> path = RequestPath.canonical(target.getRawPath() == null ? "/" : target.getRawPath());
        if (path.isEmpty()) {
            return false;
        }
        for (URI base : bases) {
            if (sameOrigin(base, target)) {
                String basePath = RequestPath.canonical(base.getRawPath() == null ? "/" : base.getRawPath()).orElse("/");
                if (basePath.equals("/") || path.get().equals(basePath) || path.get().startsWith(basePath + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }
}
