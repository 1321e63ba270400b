package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ContextSettings;
import io.github.edgeauth.core.internal.config.Setting;
import java.util.List;

/**
 * Every setting the backend filter reads; docs/settings.md lists exactly these, the shared ones under "Settings
 * every part shares" and the rest under "Backend filter settings" ({@code DocsInStepTest}).
 */
final class FilterSettings {
    static final Setting ENABLED = Setting.of("edgeauth.filter.enabled", "true");
    static final Setting POLICY = Setting.of("edgeauth.filter.policy", "required");
    static final Setting PUBLIC_PATHS = Setting.optional("edgeauth.filter.public-paths");
    static final Setting REQUIRED_SCOPES = Setting.optional("edgeauth.filter.required-scopes");
    static final Setting REQUIRED_ROLES = Setting.optional("edgeauth.filter.required-roles");
    static final Setting ROLE_CLAIM = Setting.of("edgeauth.filter.role-claim", "roles");
    static final Setting ROLE_CLAIM_SEPARATED = Setting.of("edgeauth.filter.role-claim-separated", "false");
    static final Setting PRINCIPAL_CLAIM = Setting.of("edgeauth.filter.principal-claim", "sub");
    static final Setting ROLE_MAPPING = Setting.optional("edgeauth.filter.role-mapping");
    static final Setting CONTAINER_SECURITY = Setting.of("edgeauth.filter.container-security", "true");
    /** Plain-http key and issuer URLs on any host; never in production. */
    static final Setting DEVELOPMENT = Setting.of("edgeauth.filter.development", "false");

    static final Setting CONTEXT_HEADER = ContextSettings.HEADER;
    static final Setting CONTEXT_ISSUER = ContextSettings.ISSUER;
    static final Setting CONTEXT_AUDIENCE = ContextSettings.AUDIENCE;
    static final Setting CONTEXT_ALGORITHMS = Setting.of("edgeauth.context.algorithms", "RS256");
    static final Setting CONTEXT_JWKS_URL = Setting.optional("edgeauth.context.jwks-url");
    static final Setting CONTEXT_JWKS_FILE = Setting.optional("edgeauth.context.jwks-file");
    static final Setting CONTEXT_PEM_FILE = Setting.optional("edgeauth.context.pem-file");
    static final Setting CONTEXT_KEYSTORE_FILE = Setting.optional("edgeauth.context.keystore-file");
    static final Setting CONTEXT_KEYSTORE_PASSWORD = Setting.secret("edgeauth.context.keystore-password");
    static final Setting CONTEXT_KEYSTORE_ALIASES = Setting.optional("edgeauth.context.keystore-aliases");
    static final Setting CONTEXT_JWKS_CACHE_TIME = Setting.of("edgeauth.context.jwks-cache-time", "5m");
    static final Setting CONTEXT_CLOCK_SKEW = Setting.of("edgeauth.context.clock-skew", "60s");
    static final Setting CONTEXT_CACHE_SIZE = Setting.of("edgeauth.context.cache-size", "10000");

    static final Setting SERVICE_ISSUER = Setting.optional("edgeauth.service.issuer");
    static final Setting SERVICE_AUDIENCE = Setting.optional("edgeauth.service.audience");
    static final Setting SERVICE_JWKS_URL = Setting.optional("edgeauth.service.jwks-url");
    static final Setting SERVICE_ALGORITHMS = Setting.of("edgeauth.service.algorithms", "RS256 ES256 PS256");

    static final List<Setting> ALL = List.of(ENABLED, POLICY, PUBLIC_PATHS, REQUIRED_SCOPES, REQUIRED_ROLES,
            ROLE_CLAIM, ROLE_CLAIM_SEPARATED, PRINCIPAL_CLAIM, ROLE_MAPPING, CONTAINER_SECURITY,
            DEVELOPMENT, CONTEXT_HEADER, CONTEXT_ISSUER, CONTEXT_AUDIENCE, CONTEXT_ALGORITHMS,
            CONTEXT_JWKS_URL, CONTEXT_JWKS_FILE, CONTEXT_PEM_FILE, CONTEXT_KEYSTORE_FILE, CONTEXT_KEYSTORE_PASSWORD,
            CONTEXT_KEYSTORE_ALIASES, CONTEXT_JWKS_CACHE_TIME, CONTEXT_CLOCK_SKEW, CONTEXT_CACHE_SIZE, SERVICE_ISSUER, SERVICE_AUDIENCE,
            SERVICE_JWKS_URL, SERVICE_ALGORITHMS);

    /** The settings that name where the context's verification keys come from; exactly one must be set. */
    static final List<Setting> KEY_SOURCES = List.of(CONTEXT_JWKS_URL, CONTEXT_JWKS_FILE, CONTEXT_PEM_FILE,
            CONTEXT_KEYSTORE_FILE);

    private FilterSettings() {
    }
}
