package io.github.edgeauth.core.internal.http;

/**
 * A servlet-style URL pattern matched against the path inside the web application: exact ({@code /health}),
 * prefix ({@code /static/*}, which also matches {@code /static}), extension ({@code *.css}), or everything
 * ({@code /*}). Shared by the filter and the edge.
 */
public record PathPattern(String pattern) {

    public PathPattern {
        boolean valid = pattern.startsWith("/") && (pattern.indexOf('*') < 0 || pattern.endsWith("/*")
                && pattern.indexOf('*') == pattern.length() - 1)
                || pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0
                && pattern.lastIndexOf('*') == 0;
        if (!valid) {
            throw new IllegalArgumentException("'" + pattern + "' is not a URL pattern such as /health, /static/* or *.css");
        }
    }

    /** Whether {@code path} (inside the web application, starting with {@code /}) matches. */
    public boolean matches(String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }
}
