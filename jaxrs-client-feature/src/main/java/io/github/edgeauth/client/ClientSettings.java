package io.github.edgeauth.client;


import io.github.edgeauth.core.internal.config.ContextSettings;
import io.github.edgeauth.core.internal.config.Setting;
import java.util.List;

/**
 * The settings of one named client: {@code edgeauth.client.<name>.<key>}, e.g.
 * {@code edgeauth.client.inventory.client-id} or env {@code EDGEAUTH_CLIENT_INVENTORY_CLIENT_ID}.
 * docs/settings.md's "Client settings" table lists exactly {@link #KEYS} and {@link #SHARED}
 * ({@code ClientDocsInStepTest}).
 */
final class ClientSettings {
    static final String PREFIX = "edgeauth.client.";

    /** Key, default (null for none), secret. */
    record Key(String key, String defaultValue, boolean secret) {
        Setting forClient(String name) {
            String full = PREFIX + name + "." + key;
            if (secret) {
                return Setting.secret(full);
            }
            return defaultValue == null ? Setting.optional(full) : Setting.of(full, defaultValue);
        }
    }

    static final Key BASE_URLS = new Key("base-urls", null, false);
    static final Key ISSUER = new Key("issuer", null, false);
    static final Key TOKEN_ENDPOINT = new Key("token-endpoint", null, false);
    static final Key CLIENT_ID = new Key("client-id", null, false);
    static final Key CLIENT_SECRET = new Key("client-secret", null, true);
    static final Key CLIENT_SECRET_FILE = new Key("client-secret-file", null, false);
    static final Key CLIENT_AUTH = new Key("client-auth", "client_secret_basic", false);
    static final Key CLIENT_KEY = new Key("client-key", null, false);
    static final Key CLIENT_KEY_PASSWORD = new Key("client-key-password", null, true);
    static final Key SCOPES = new Key("scopes", null, false);
    static final Key AUDIENCE = new Key("audience", null, false);
    static final Key TIMEOUT = new Key("timeout", "5s", false);
    static final Key PROPAGATE_CONTEXT = new Key("propagate-context", "true", false);
    /**
     * Development mode for every client of the JVM (not per client): plain-http token endpoint and issuer URLs
     * on any host, not only on loopback. Never in production.
     */
    static final Setting DEVELOPMENT = Setting.of(PREFIX + "development", "false");
    /** The settings every client shares, besides the per-client {@link #KEYS}. */
    static final List<Setting> SHARED = List.of(DEVELOPMENT);

    /** The per-client name the context header had before it was shared ({@code edgeauth.context.header}). */
    static final String FORMER_CONTEXT_HEADER = "context-header";

    static final List<Key> KEYS = List.of(BASE_URLS, ISSUER, TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET, CLIENT_SECRET_FILE,
            CLIENT_AUTH, CLIENT_KEY, CLIENT_KEY_PASSWORD, SCOPES, AUDIENCE, TIMEOUT, PROPAGATE_CONTEXT);

    /** The shared context header, also read under this client's former {@code context-header} key. */
    static Setting contextHeader(String name) {
        return ContextSettings.HEADER.formerly(PREFIX + name + "." + FORMER_CONTEXT_HEADER);
    }

    private ClientSettings() {
    }
}
