package io.github.edgeauth.edge.internal.settings;


import io.github.edgeauth.core.internal.config.ContextSettings;
import io.github.edgeauth.core.internal.config.Setting;
import java.util.List;

/** Every setting the edge reads; the edge's table in docs/settings.md lists exactly these. */
public final class EdgeSettings {
    public static final Setting ID = ContextSettings.ISSUER;
    public static final Setting CONTEXT_HEADER = ContextSettings.HEADER;
    public static final Setting CONTEXT_TTL = Setting.of("edgeauth.edge.context-ttl", "60s");
    public static final Setting ALGORITHM = Setting.of("edgeauth.edge.algorithm", "RS256");
    public static final Setting SIGNING_KEY = Setting.optional("edgeauth.edge.signing-key");
    public static final Setting SIGNING_KEY_PASSWORD = Setting.secret("edgeauth.edge.signing-key-password");
    public static final Setting NEXT_KEY = Setting.optional("edgeauth.edge.next-key");
    public static final Setting KEY_CHECK_INTERVAL = Setting.of("edgeauth.edge.key-check-interval", "30s");
    public static final Setting AUDIENCE = ContextSettings.AUDIENCE;
    public static final Setting STRIP_HEADERS = Setting.of("edgeauth.edge.strip-headers",
            "X-Forwarded-User X-Remote-User Remote-User X-Auth-Request-User X-Auth-Request-Email");
    public static final Setting PUBLIC_URL = Setting.optional("edgeauth.edge.public-url");
    public static final Setting CONNECT_TIMEOUT = Setting.of("edgeauth.edge.connect-timeout", "2s");
    public static final Setting RESPONSE_TIMEOUT = Setting.of("edgeauth.edge.response-timeout", "30s");
    /** The most a signed context may take in a request header: 6 KiB leaves room under Tomcat's 8 KiB default. */
    public static final Setting CONTEXT_MAX_BYTES = Setting.of("edgeauth.edge.context-max-bytes", "6144");

    public static final Setting ISSUER = Setting.optional("edgeauth.edge.issuer");
    public static final Setting CLIENT_ID = Setting.optional("edgeauth.edge.client-id");
    public static final Setting CLIENT_SECRET = Setting.secret("edgeauth.edge.client-secret");
    public static final Setting CLIENT_AUTH = Setting.of("edgeauth.edge.client-auth", "client_secret_basic");
    public static final Setting SCOPES = Setting.of("edgeauth.edge.scopes", "openid profile email");
    public static final Setting CLIENT_KEY = Setting.optional("edgeauth.edge.client-key");
    public static final Setting CLIENT_KEY_PASSWORD = Setting.secret("edgeauth.edge.client-key-password");
    public static final Setting ROLE_CLAIM = Setting.of("edgeauth.edge.role-claim", "roles");
    public static final Setting ROLE_CLAIM_SEPARATED = Setting.of("edgeauth.edge.role-claim-separated", "false");
    public static final Setting BEARER_AUDIENCE = Setting.optional("edgeauth.edge.bearer-audience");
    public static final Setting PUBLIC_PATHS = Setting.of("edgeauth.edge.public-paths", "/health /favicon.ico");
    public static final Setting POST_LOGOUT_URL = Setting.of("edgeauth.edge.post-logout-url", "/");
    public static final Setting SESSION_IDLE_TIMEOUT = Setting.of("edgeauth.edge.session-idle-timeout", "30m");
    public static final Setting SESSION_LIFETIME = Setting.of("edgeauth.edge.session-lifetime", "12h");
    public static final Setting DEVELOPMENT = Setting.of("edgeauth.edge.development", "false");
    public static final Setting CACHE_MANAGER = Setting.of("edgeauth.edge.cache-manager", "payara/CacheManager");

    /** {@code edgeauth.edge.route.<service>}: the backend base URL for {@code /api/<service>/**}. */
    public static final String ROUTE_PREFIX = "edgeauth.edge.route.";
    /** {@code edgeauth.edge.audience.<service>}: the trust group of one route, instead of the default audience. */
    public static final String ROUTE_AUDIENCE_PREFIX = "edgeauth.edge.audience.";
    /** {@code edgeauth.edge.mount.<service>}: where the edge serves a route, instead of the backend's own path. */
    public static final String ROUTE_MOUNT_PREFIX = "edgeauth.edge.mount.";
    /** {@code edgeauth.edge.roles.<service>}: the only roles a route's contexts carry (names, or prefixes with *). */
    public static final String ROUTE_ROLES_PREFIX = "edgeauth.edge.roles.";
    /** {@code edgeauth.edge.rules.<service>}: who may use which part of a route (see {@code RouteRules}). */
    public static final String ROUTE_RULES_PREFIX = "edgeauth.edge.rules.";

    public static final List<Setting> ALL = List.of(ID, CONTEXT_HEADER, CONTEXT_TTL, ALGORITHM, SIGNING_KEY,
            SIGNING_KEY_PASSWORD, NEXT_KEY, KEY_CHECK_INTERVAL, AUDIENCE, STRIP_HEADERS, PUBLIC_URL, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, CONTEXT_MAX_BYTES, ISSUER,
            CLIENT_ID, CLIENT_SECRET, CLIENT_AUTH, CLIENT_KEY, CLIENT_KEY_PASSWORD, SCOPES, ROLE_CLAIM, ROLE_CLAIM_SEPARATED, BEARER_AUDIENCE, PUBLIC_PATHS, POST_LOGOUT_URL,
            SESSION_IDLE_TIMEOUT, SESSION_LIFETIME, DEVELOPMENT,
            CACHE_MANAGER);

    /** The prefixed settings, documented as {@code <prefix><service>} rows. */
    public static final List<String> PREFIXES = List.of(ROUTE_PREFIX, ROUTE_AUDIENCE_PREFIX, ROUTE_MOUNT_PREFIX,
            ROUTE_ROLES_PREFIX, ROUTE_RULES_PREFIX);

    private EdgeSettings() {
    }
}
