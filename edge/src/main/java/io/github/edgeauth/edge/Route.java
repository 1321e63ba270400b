package io.github.edgeauth.edge;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One backend behind the edge: requests to {@code /api/<service>/rest} go to {@code base + /rest}, with a
 * user context minted for {@code audience}, the backend's trust group.
 */
record Route(String service, URI base, String audience) {

    private static final Pattern COOKIE_PATH = Pattern.compile("(?i)(;\\s*path\\s*=\\s*)([^;]*)");

    /**
     * A backend's {@code Location} as the client must follow it: a URL or absolute path inside this route
     * becomes the same place under {@code edgePrefix} (such as {@code /api/orders}); anything else (another
     * host, a path outside the route, a relative reference) is returned as it is.
     */
    String locationAtEdge(String location, String edgePrefix) {
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        String path = basePath();
        String rest;
        if (location.startsWith(origin + path)) {
            rest = location.substring((origin + path).length());
        } else if (location.startsWith("/") && !location.startsWith("//") && location.startsWith(path)) {
            rest = location.substring(path.length());
        } else {
            return location;
        }
        if (!rest.isEmpty() && "/?#".indexOf(rest.charAt(0)) < 0) {
            return location; // "/ordersXYZ" is not inside "/orders"
        }
        return edgePrefix + (rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest);
    }

    /** A backend's {@code Set-Cookie} with its {@code Path} moved under {@code edgePrefix} as for a location. */
    String setCookieAtEdge(String setCookie, String edgePrefix) {
        Matcher path = COOKIE_PATH.matcher(setCookie);
        if (!path.find()) {
            return setCookie;
        }
        String moved = locationAtEdge(path.group(2).trim(), edgePrefix);
        return setCookie.substring(0, path.start(2)) + moved + setCookie.substring(path.end(2));
    }

    private String basePath() {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The backend URL for the rest of the path (already percent-encoded) and the raw query, if any. */
    URI target(String rawRest, String rawQuery) {
        String base = this.base.toString();
        if (base.endsWith("/") && rawRest.startsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + rawRest + (rawQuery == null ? "" : "?" + rawQuery));
    }
}
