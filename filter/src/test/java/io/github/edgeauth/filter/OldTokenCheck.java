package io.github.edgeauth.filter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.Map;

/**
 * A WAR's home-made checks as docs/migration.md steps 4 and 5 find them (an old bearer token for users, an
 * {@code X-Api-Key} for other services), with the one line the guide adds: a caller the container (or
 * edgeauth) already knows is let through.
 */
final class OldTokenCheck extends HttpFilter {
    private static final long serialVersionUID = 1L;
    /** The old tokens this WAR knows, and whose they are. */
    static final Map<String, String> TOKENS = Map.of("old-token-of-bob", "bob");
    /** The API keys this WAR hands out to other services, and to whom. */
    static final Map<String, String> API_KEYS = Map.of("key-of-billing", "billing-job");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() != null) { // the line step 5 adds
            chain.doFilter(request, response);
            return;
        }
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader("X-Api-Key");
        String user = apiKey != null ? API_KEYS.get(apiKey)
                : authorization == null || !authorization.startsWith("Bearer ") ? null
                : TOKENS.get(authorization.substring(7));
        if (user == null) {
            response.sendError(401, "old check: no valid old token or API key");
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return () -> user;
            }
        }, response);
    }
}
