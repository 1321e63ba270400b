package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.internal.routes.Route;
import io.github.edgeauth.edge.internal.routes.RouteRules;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.RequestPath;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request may go to its route at all, decided before anything is sent: the route's rules at the edge
 * ({@link RouteRules}), for the request's method and every method a backend could be told to act on instead, and
 * no WebSocket handshake, which the edge does not pass.
 */
final class RouteAdmission {
    /** Headers some frameworks read as the request's real method. */
    private static final Set<String> METHOD_OVERRIDES = Set.of("X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");

    private RouteAdmission() {
    }

    /** Why this request may not go to {@code route}, or empty when it may. */
    static Optional<ReasonCode> refusal(HttpServletRequest request, Route route) {
        if (!route.rules().entries().isEmpty()) {
            Optional<ReasonCode> byRules = byRules(request, route);
            if (byRules.isPresent()) {
                return byRules;
            }
        }
        return webSocketHandshake(request) ? Optional.of(ReasonCode.WEBSOCKET_NOT_SUPPORTED) : Optional.empty();
    }

    /** The rules matched on the canonical path inside the route, as the backend will read it. */
    private static Optional<ReasonCode> byRules(HttpServletRequest request, Route route) {
        String path = RequestPath.inApplication(request).orElse(null);
        if (path == null) {
            return Optional.of(ReasonCode.BAD_TARGET);
        }
        String inRoute = path.length() <= route.mount().length() ? "/" : path.substring(route.mount().length());
        UserContext user = UserContext.current(request);
        boolean allowed = methods(request).stream().allMatch(method -> route.rules().required(method, inRoute)
                .map(needed -> needed.stream().anyMatch(user::hasRole)).orElse(true));
        return allowed ? Optional.empty() : Optional.of(ReasonCode.INSUFFICIENT_ROLE);
    }

    /**
     * The methods a backend may act on: the request's, any a method-override header names (Jersey's filter,
     * Spring's and others honour them), and a {@code _method} in the query (never the body, which must reach the
     * backend unread).
     */
    private static Set<String> methods(HttpServletRequest request) {
        Set<String> methods = new HashSet<>(Set.of(request.getMethod()));
        for (String override : METHOD_OVERRIDES) {
            Collections.list(request.getHeaders(override)).forEach(value -> methods.add(value.trim()));
        }
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        for (String pair : query.split("&")) {
            if (pair.regionMatches(true, 0, "_method=", 0, 8)) {
                try {
                    methods.add(URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8).trim());
                } catch (IllegalArgumentException undecodable) {
                    methods.add(pair.substring(8)); // checked as sent: a rule for no such method does not apply
                }
            }
        }
        return methods;
    }

    /**
     * Whether the client asks to upgrade to a WebSocket: refused clearly, where a plain forward would leave the
     * backend a handshake without its {@code Upgrade} (a hop-by-hop header) and the client an unexplained failure.
     * Other upgrades ({@code h2c}, which curl offers on plain http) are ignored, as a server may.
     */
    private static boolean webSocketHandshake(HttpServletRequest request) {
        for (String value : Collections.list(request.getHeaders("Upgrade"))) {
            for (String token : value.split(",")) {
                if (token.trim().toLowerCase(Locale.ROOT).startsWith("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }
}
