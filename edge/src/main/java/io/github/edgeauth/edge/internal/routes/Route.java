package io.github.edgeauth.edge.internal.routes;

import io.github.edgeauth.core.UserContext;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One backend behind the edge: requests to {@code mount/rest} at the edge go to {@code base + /rest}, with a
 * user context minted for {@code audience}, the backend's trust group, carrying only the roles {@code roles}
 * allows (names, or prefixes ending in {@code *}; empty: all), after {@code rules} let the caller in. By default the mount is the backend's own path,
 * so nothing the backend sends needs rewriting ({@link RouteSettings}).
 */
public record Route(String service, URI base, String audience, String mount, List<String> roles, RouteRules rules) {
    public Route {
        roles = List.copyOf(roles);
    }

    /** A route whose contexts carry every role, with no rules of its own at the edge. */
    Route(String service, URI base, String audience, String mount) {
        this(service, base, audience, mount, List.of(), RouteRules.NONE);
    }

    /** {@code user} as this route may see it: only the roles it allows. */
    public UserContext narrow(UserContext user) {
        if (roles.isEmpty()) {
            return user;
        }
        Set<String> kept = new TreeSet<>();
        for (String role : user.roles()) {
            if (roles.stream().anyMatch(p -> p.endsWith("*") ? role.startsWith(p.substring(0, p.length() - 1))
                    : role.equals(p))) {
                kept.add(role);
            }
        }
        return UserContext.Builder.from(user).roles(kept).build();
    }

    /**
     * A backend's {@code Location} as the client must follow it: a URL or absolute path inside this route
     * becomes the same place under {@code edgePrefix} (the mount, under the edge's context path), so an absolute
     * URL to the backend's own origin comes back as the edge's; anything else (another
     * host, a path outside the route, a relative reference) is returned as it is.
     */
    public String locationAtEdge(String location, String edgePrefix) {
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

    /**
     * A backend's {@code Set-Cookie} as the browser may keep it at the edge: its {@code Path} moved under
     * {@code edgePrefix} as for a location, or set to {@code edgePrefix} when it is missing or lies outside the
     * route, and any {@code Domain} dropped, so a cookie of one backend never reaches another or the edge.
     * Empty for a cookie named (as browsers read names: trimmed, any case) like one of {@code edgeCookies}, the
     * edge's own.
     */
    public Optional<String> setCookieAtEdge(String setCookie, String edgePrefix, Set<String> edgeCookies) {
        String[] parts = setCookie.split(";");
        String pair = parts[0].trim();
        int eq = pair.indexOf('=');
        String name = eq < 0 ? "" : pair.substring(0, eq).trim();
        if (name.isEmpty() || edgeCookies.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        StringBuilder kept = new StringBuilder(name).append('=').append(pair.substring(eq + 1).trim());
        boolean hasPath = false;
        boolean hasSameSite = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int sep = attribute.indexOf('=');
            String key = (sep < 0 ? attribute : attribute.substring(0, sep)).trim().toLowerCase(Locale.ROOT);
            if (attribute.isEmpty() || key.equals("domain")) {
                continue;
            }
            hasSameSite |= key.equals("samesite");
            if (key.equals("path")) {
                if (hasPath) {
                    continue;
                }
                hasPath = true;
                String moved = locationAtEdge(sep < 0 ? "" : attribute.substring(sep + 1).trim(), edgePrefix);
                attribute = "Path=" + (moved.equals(edgePrefix) || moved.startsWith(edgePrefix + "/") ? moved : edgePrefix);
            }
            kept.append("; ").append(attribute);
        }
        if (!hasPath) {
            kept.append("; Path=").append(edgePrefix);
        }
        if (!hasSameSite) {
            // Every backend shares the edge's origin: another site's page must not send a backend its cookies
            // (browsers that do not default to Lax would; a stray request could end someone's backend session).
            kept.append("; SameSite=Lax");
        }
        return Optional.of(kept.toString());
    }

    private String basePath() {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The backend URL for the rest of the path (already percent-encoded) and the raw query, if any. */
    public URI target(String rawRest, String rawQuery) {
        String base = this.base.toString();
        if (base.endsWith("/") && rawRest.startsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + rawRest + (rawQuery == null ? "" : "?" + rawQuery));
    }
}
