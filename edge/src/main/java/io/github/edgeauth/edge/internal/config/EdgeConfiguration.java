package io.github.edgeauth.edge.internal.config;


import io.github.edgeauth.edge.internal.keys.SigningKeys;
import io.github.edgeauth.edge.internal.routes.Route;
import io.github.edgeauth.edge.internal.routes.RouteSettings;
import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.edge.internal.web.PublicOrigin;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The edge's settings, read and checked once at deployment. Building it fails with a
 * {@link ConfigurationException} naming the first wrong setting.
 *
 * @param stripHeaders lower-cased names of the identity headers removed from every client request
 * @param keys         the keys as the files held them at deployment
 * @param keySource    where they come from, read again every {@code keyCheckInterval} (zero: never)
 * @param publicOrigin the origin browsers reach the edge at; read from requests only in development mode
 * @param development  development mode: a signing key made at start, and a session cookie without
 *                     {@code Secure} (plain-http demos)
 * @param contextMaxBytes the most a signed context may take; a larger one is never sent (identity_too_large)
 */
public record EdgeConfiguration(String id, String contextHeader, Duration contextTtl, SigningKeys keys,
                         SigningKeys.Source keySource, Duration keyCheckInterval, Set<String> stripHeaders, Map<String, Route> routes, PublicOrigin publicOrigin, Duration connectTimeout,
                         Duration responseTimeout, boolean development, int contextMaxBytes) {

    public EdgeConfiguration {
        routes = Map.copyOf(routes);
        stripHeaders = Set.copyOf(stripHeaders);
    }

    public static EdgeConfiguration read(Settings settings) {
        String header = settings.required(EdgeSettings.CONTEXT_HEADER);
        if (!header.matches("[A-Za-z0-9-]+")) {
            throw new ConfigurationException(EdgeSettings.CONTEXT_HEADER, "must be an HTTP header name");
        }
        Duration ttl = settings.duration(EdgeSettings.CONTEXT_TTL);
        if (ttl.toSeconds() < 2) {
            throw new ConfigurationException(EdgeSettings.CONTEXT_TTL, "must be at least 2s");
        }
        Set<String> strip = new LinkedHashSet<>();
        strip.add(header.toLowerCase(Locale.ROOT));
        settings.list(EdgeSettings.STRIP_HEADERS).forEach(h -> strip.add(h.toLowerCase(Locale.ROOT)));

        String defaultAudience = settings.required(EdgeSettings.AUDIENCE);
        Map<String, Route> routes = RouteSettings.read(settings, defaultAudience);
        SigningKeys.Source keySource = SigningKeys.Source.of(settings);
        Duration keyCheck = settings.duration(EdgeSettings.KEY_CHECK_INTERVAL);
        if (keyCheck.isNegative()) {
            throw new ConfigurationException(EdgeSettings.KEY_CHECK_INTERVAL, "must be 0 (never) or a positive duration");
        }
        boolean development = settings.bool(EdgeSettings.DEVELOPMENT);
        return new EdgeConfiguration(settings.required(EdgeSettings.ID), header, ttl, keySource.load(), keySource,
                keyCheck, strip, routes, publicOrigin(settings, development), positive(settings, EdgeSettings.CONNECT_TIMEOUT),
                positive(settings, EdgeSettings.RESPONSE_TIMEOUT), development,
                settings.integer(EdgeSettings.CONTEXT_MAX_BYTES, 1024));
    }

    /** A timeout, which must end: 0 would mean "wait for ever" to the HTTP client. */
    private static Duration positive(Settings settings, Setting setting) {
        Duration value = settings.duration(setting);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(setting, "must be a positive duration, such as 30s");
        }
        return value;
    }

    private static PublicOrigin publicOrigin(Settings settings, boolean development) {
        Optional<String> value = settings.optional(EdgeSettings.PUBLIC_URL);
        if (value.isEmpty()) {
            if (development) {
                return PublicOrigin.fromRequests();
            }
            throw new ConfigurationException(EdgeSettings.PUBLIC_URL, "is required: the URL browsers reach the edge at,"
                    + " such as https://shop.example.com (the only source of the edge's redirect URIs)");
        }
        URI url = settings.secureUrl(EdgeSettings.PUBLIC_URL, value.get().endsWith("/")
                ? value.get().substring(0, value.get().length() - 1) : value.get(), development);
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new ConfigurationException(EdgeSettings.PUBLIC_URL, "must be an origin only (scheme, host, port),"
                    + " such as https://shop.example.com; the edge's context path is added to it");
        }
        return PublicOrigin.of(url);
    }
}
