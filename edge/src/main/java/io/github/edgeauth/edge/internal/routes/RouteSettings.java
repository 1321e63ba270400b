package io.github.edgeauth.edge.internal.routes;

import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.edge.internal.web.EdgePaths;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the routes: {@code edgeauth.edge.route.<service>} is a backend's URL, served at the edge at the
 * backend's own path ({@code http://orders.internal:8080/orders} at {@code /orders}), so a server-rendered WAR's
 * absolute links, forms and cookies work unchanged; {@code edgeauth.edge.mount.<service>} serves it elsewhere
 * (a backend at its server's root needs one). Mounts never overlap one another nor the edge's own paths.
 */
public final class RouteSettings {
    /** A mount: segments of characters a path may hold unencoded, no dot segment, no trailing slash. */
    private static final Pattern MOUNT = Pattern.compile("(/[A-Za-z0-9_~!$&'()*+,=:@-][A-Za-z0-9._~!$&'()*+,=:@-]*)+");
    /** The edge's own paths, which no route may take. */
    static final List<String> EDGE_PATHS = List.of(EdgePaths.CALLBACK, EdgePaths.LOGOUT,
            EdgePaths.BACKCHANNEL_LOGOUT, "/.well-known");

    private RouteSettings() {
    }

    /** The routes by service name, each with its audience ({@code defaultAudience} unless its own). */
    public static Map<String, Route> read(Settings settings, String defaultAudience) {
        Map<String, String> audiences = settings.withPrefix(EdgeSettings.ROUTE_AUDIENCE_PREFIX);
        Map<String, String> mounts = settings.withPrefix(EdgeSettings.ROUTE_MOUNT_PREFIX);
        Map<String, String> roles = settings.withPrefix(EdgeSettings.ROUTE_ROLES_PREFIX);
        Map<String, String> rules = settings.withPrefix(EdgeSettings.ROUTE_RULES_PREFIX);
        Map<String, Route> routes = new LinkedHashMap<>();
        settings.withPrefix(EdgeSettings.ROUTE_PREFIX).forEach((service, value) -> {
            Setting setting = Setting.optional(EdgeSettings.ROUTE_PREFIX + service);
            if (!service.matches("[a-z0-9][a-z0-9-]*")) {
                throw new ConfigurationException(setting, "the service name must be lower-case letters, digits and -");
            }
            URI base = settings.url(setting).orElseThrow();
            String mount = mount(service, base, mounts.get(service));
            for (Route other : routes.values()) {
                if (overlap(mount, other.mount())) {
                    throw new ConfigurationException(Setting.optional(EdgeSettings.ROUTE_MOUNT_PREFIX + service),
                            "the route is served at " + mount + ", which overlaps " + other.mount() + " of "
                                    + EdgeSettings.ROUTE_PREFIX + other.service());
                }
            }
            routes.put(service, new Route(service, base, audiences.getOrDefault(service, defaultAudience), mount,
                    roles(service, roles.get(service)), rules(service, rules.get(service))));
        });
        for (Map.Entry<String, Map<String, String>> named : Map.of(EdgeSettings.ROUTE_AUDIENCE_PREFIX, audiences,
                EdgeSettings.ROUTE_MOUNT_PREFIX, mounts, EdgeSettings.ROUTE_ROLES_PREFIX, roles,
                EdgeSettings.ROUTE_RULES_PREFIX, rules).entrySet()) {
            for (String service : named.getValue().keySet()) {
                if (!routes.containsKey(service)) {
                    throw new ConfigurationException(Setting.optional(named.getKey() + service),
                            "names a service with no " + EdgeSettings.ROUTE_PREFIX + service);
                }
            }
        }
        return routes;
    }

    /** Where the edge serves {@code service}: its mount setting, else the backend's own path. */
    private static String mount(String service, URI base, String configured) {
        Setting setting = Setting.optional(EdgeSettings.ROUTE_MOUNT_PREFIX + service);
        String path = configured != null ? configured.strip() : base.getRawPath() == null ? "" : base.getRawPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (configured == null && (path.isEmpty() || path.equals("/"))) {
            throw new ConfigurationException(setting, "the backend of " + EdgeSettings.ROUTE_PREFIX + service
                    + " is at its server's root: set " + setting.name() + " to the path the edge serves it at");
        }
        if (!MOUNT.matcher(path).matches()) {
            throw new ConfigurationException(configured != null ? setting : Setting.optional(EdgeSettings.ROUTE_PREFIX
                    + service), "the path " + path + " cannot be served at the edge: it must start with /, hold no"
                    + " percent-encoding, empty or dot segment, and not be / alone");
        }
        for (String own : EDGE_PATHS) {
            if (overlap(path, own)) {
                throw new ConfigurationException(configured != null ? setting : Setting.optional(
                        EdgeSettings.ROUTE_PREFIX + service), "the path " + path + " overlaps the edge's own " + own);
            }
        }
        return path;
    }

    /** The roles a route's contexts may carry: names, or prefixes ending in {@code *}; empty for all. */
    private static List<String> roles(String service, String configured) {
        if (configured == null) {
            return List.of();
        }
        List<String> patterns = java.util.Arrays.stream(configured.split("[,\\s]+")).filter(p -> !p.isEmpty()).toList();
        if (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.indexOf('*') >= 0 && p.indexOf('*') != p.length() - 1)) {
            throw new ConfigurationException(Setting.optional(EdgeSettings.ROUTE_ROLES_PREFIX + service),
                    "must list role names, or prefixes ending in * (orders-*), separated by commas or spaces");
        }
        return patterns;
    }

    private static RouteRules rules(String service, String configured) {
        try {
            return configured == null ? RouteRules.NONE : RouteRules.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Setting.optional(EdgeSettings.ROUTE_RULES_PREFIX + service), e.getMessage());
        }
    }

    /** Whether one path is the other or lies under it. */
    private static boolean overlap(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }
}
