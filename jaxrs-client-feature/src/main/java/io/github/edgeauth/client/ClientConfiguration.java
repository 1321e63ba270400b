package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.config.ClientAuthMethod;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.keys.KeyFiles;
import com.nimbusds.jose.jwk.JWK;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One named client's settings, read once when the feature is created.
 *
 * @param tokenEndpoint where client_credentials tokens come from, when given
 * @param issuer        the provider whose discovery document names the token endpoint, when none is given
 * @param secret        the client secret; never printed
 * @param clientKey     the private key for {@code private_key_jwt}
 * @param downstreams   where the token and the user's context may be sent
 * @param development   development mode ({@code edgeauth.client.development}): plain-http token endpoint and
 *                      issuer URLs on any host, not only on loopback
 */
record ClientConfiguration(String name, BoundDownstreams downstreams, Optional<URI> tokenEndpoint, Optional<URI> issuer, String clientId, Optional<String> secret,
                           ClientAuthMethod clientAuth, Optional<JWK> clientKey, List<String> scopes, Optional<String> audience,
                           Duration timeout, boolean propagateContext, String contextHeader, boolean development) {


    @Override
    public String toString() {
        return "ClientConfiguration[name=" + name + ", tokenEndpoint=" + tokenEndpoint.map(URI::toString).orElse("(discovered)") + ", clientId=" + clientId
                + ", clientAuth=" + clientAuth + ", scopes=" + scopes + "]";
    }

    static ClientConfiguration read(String name, Settings settings) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a client name is lower-case letters, digits and -: " + name);
        }
        Setting clientIdSetting = ClientSettings.CLIENT_ID.forClient(name);
        String clientId = settings.optional(clientIdSetting).orElseThrow(() ->
                new ConfigurationException(clientIdSetting, "is required"));
        Duration timeout = settings.duration(ClientSettings.TIMEOUT.forClient(name));
        boolean development = settings.bool(ClientSettings.DEVELOPMENT);
        Setting endpointSetting = ClientSettings.TOKEN_ENDPOINT.forClient(name);
        Setting issuerSetting = ClientSettings.ISSUER.forClient(name);
        // The provider's URLs, unlike base-urls: over plain HTTP on a real network, anyone on the path gets the
        // secret and hands out tokens of their own.
        Optional<URI> tokenEndpoint = settings.optional(endpointSetting)
                .map(value -> settings.secureUrl(endpointSetting, value, development));
        Optional<URI> issuer = settings.optional(issuerSetting)
                .map(value -> settings.secureUrl(issuerSetting, value, development));
        if (tokenEndpoint.isEmpty() && issuer.isEmpty()) {
            throw new ConfigurationException(endpointSetting, "is required, or " + issuerSetting.name()
                    + " to find it by discovery");
        }
        Setting authSetting = ClientSettings.CLIENT_AUTH.forClient(name);
        ClientAuthMethod auth = ClientAuthMethod.read(settings, authSetting);
        Optional<String> secret = secret(name, settings);
        Optional<JWK> key = Optional.empty();
        if (!auth.usesSecret()) {
            key = Optional.of(clientKey(name, settings));
        } else if (secret.isEmpty()) {
            Setting secretSetting = ClientSettings.CLIENT_SECRET.forClient(name);
            throw new ConfigurationException(secretSetting, "is required with " + authSetting.name() + "=" + auth.value()
                    + " (or set " + ClientSettings.CLIENT_SECRET_FILE.forClient(name).name() + ")");
        }
        String propagate = settings.oneOf(ClientSettings.PROPAGATE_CONTEXT.forClient(name), List.of("true", "false"));
        return new ClientConfiguration(name, downstreams(name, settings), tokenEndpoint, issuer, clientId, secret, auth, key,
                settings.list(ClientSettings.SCOPES.forClient(name)),
                settings.optional(ClientSettings.AUDIENCE.forClient(name)), timeout, propagate.equals("true"),
                settings.required(ClientSettings.contextHeader(name)), development);
    }

    /**
     * {@code base-urls}, or else the MicroProfile Rest Client's own URL for the config key {@code name}
     * ({@code <name>/mp-rest/url}), so a Rest Client is bound to where it is configured to call.
     */
    private static BoundDownstreams downstreams(String name, Settings settings) {
        Setting setting = ClientSettings.BASE_URLS.forClient(name);
        List<URI> bases = new ArrayList<>();
        for (String value : settings.list(setting)) {
            bases.add(settings.url(setting, value));
        }
        if (bases.isEmpty()) {
            for (String key : List.of(name + "/mp-rest/url", name + "/mp-rest/uri")) {
                Setting restClient = Setting.optional(key);
                settings.optional(restClient).ifPresent(value -> bases.add(settings.url(restClient, value)));
            }
        }
        if (bases.isEmpty()) {
            throw new ConfigurationException(setting, "is required: the downstream base URL(s) this client may send"
                    + " its service token and the user's context to (a MicroProfile Rest Client's " + name
                    + "/mp-rest/url counts)");
        }
        return new BoundDownstreams(bases);
    }

    private static Optional<String> secret(String name, Settings settings) {
        Optional<String> secret = settings.optional(ClientSettings.CLIENT_SECRET.forClient(name));
        if (secret.isPresent()) {
            return secret;
        }
        Setting file = ClientSettings.CLIENT_SECRET_FILE.forClient(name);
        return settings.optional(file).map(path -> {
            try {
                return Files.readString(Path.of(path)).strip();
            } catch (IOException e) {
                throw new ConfigurationException(file, "file " + path + " cannot be read");
            }
        });
    }

    private static JWK clientKey(String name, Settings settings) {
        Setting keySetting = ClientSettings.CLIENT_KEY.forClient(name);
        String file = settings.optional(keySetting).orElseThrow(() -> new ConfigurationException(keySetting,
                "is required with private_key_jwt"));
        String password = settings.optional(ClientSettings.CLIENT_KEY_PASSWORD.forClient(name)).orElse("");
        Path path = Path.of(file);
        try {
            return KeyFiles.byExtension(path, password.toCharArray()).stream().filter(JWK::isPrivate).findFirst().orElseThrow(() ->
                    new ConfigurationException(keySetting, "file " + file + " holds no private key"));
        } catch (IOException e) {
            throw new ConfigurationException(keySetting, "file " + file + " " + e.getMessage());
        }
    }
}
