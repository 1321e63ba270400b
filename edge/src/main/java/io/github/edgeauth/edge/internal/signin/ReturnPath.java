package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.internal.web.EdgePaths;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a browser returns after signing in: the path (and query) it asked for, as a path on the edge, never a
 * URL a client could point elsewhere, and capped in length so a pending sign-in stays small whatever a
 * visitor sends. Too long a query is dropped; too long a path returns to the edge's home page.
 */
public final class ReturnPath {
    /** At most this many characters are kept, path and query together. */
    static final int MAX_LENGTH = 1024;

    private ReturnPath() {
    }

    /** The request's own path and query, or the edge's home page when they cannot be kept as they are. */
    public static String of(HttpServletRequest request) {
        String path = request.getRequestURI();
        String home = request.getContextPath() + "/";
        if (path == null || !EdgePaths.SAME_ORIGIN_PATH.matcher(path).matches() || path.length() > MAX_LENGTH) {
            return home;
        }
        String query = request.getQueryString();
        if (query == null || path.length() + 1 + query.length() > MAX_LENGTH
                || !EdgePaths.SAME_ORIGIN_PATH.matcher("/" + query).matches()) {
            return path;
        }
        return path + "?" + query;
    }
}
