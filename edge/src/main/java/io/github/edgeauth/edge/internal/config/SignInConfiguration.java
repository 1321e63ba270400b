package io.github.edgeauth.edge.internal.config;

import io.github.edgeauth.edge.internal.keys.JwksServlet;
import io.github.edgeauth.edge.internal.keys.SigningKeys;
import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.edge.internal.web.EdgePaths;
import io.github.edgeauth.core.internal.config.ClientAuthMethod;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;
import com.nimbusds.jose.jwk.JWK;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the edge logs users in: the OIDC provider, the edge's client registration, and what to ask for.
 * The same four settings (issuer, client id, client secret, routes) configure Keycloak, Entra ID, Auth0 or
 * Cognito.
 *
 * @param issuer         the provider's issuer URL; discovery is at {@code issuer/.well-known/openid-configuration}
 * @param clientSecret   empty only with {@code private_key_jwt}
 * @param clientKey      the private key that signs {@code private_key_jwt} client assertions
 * @param roleClaimSeparated whether a string role claim holds several space-separated roles (else it is one role)
 * @param bearerAudience the audience API clients' access tokens must carry; empty: API clients are refused.
 *                       Never defaults to the client id, which every ID token of the edge carries too.
 * @param publicPaths    paths inside the edge that need no login
 * @param sessionIdle    a browser's session ends after this long without a request
 * @param sessionLifetime a browser's session ends this long after its sign-in, however busy
 * @param cacheManager   JNDI name of the JCache {@code CacheManager} that shares sessions and provider logouts across
 *                       the edge's nodes, or {@code local}
 */
public record SignInConfiguration(String issuer, String clientId, Optional<String> clientSecret, ClientAuthMethod clientAuth,
                          Optional<JWK> clientKey, String scopes, String roleClaim, boolean roleClaimSeparated,
                          Optional<String> bearerAudience, List<String> publicPaths,
                          String postLogoutUrl, Duration sessionIdle, Duration sessionLifetime,
                          String cacheManager) {

    /** Always public: what the login itself and the backends need. */
    static final List<String> ALWAYS_PUBLIC = List.of(JwksServlet.PATH, EdgePaths.CALLBACK, EdgePaths.BACKCHANNEL_LOGOUT);

    @Override
    public String toString() {
        return "SignInConfiguration[issuer=" + issuer + ", clientId=" + clientId + ", clientAuth=" + clientAuth + "]";
    }

    public static SignInConfiguration read(Settings settings) {
        boolean development = settings.bool(EdgeSettings.DEVELOPMENT);
        String issuer = settings.optional(EdgeSettings.ISSUER)
                .map(value -> settings.secureUrl(EdgeSettings.ISSUER, value, development).toString())
                .orElseThrow(() -> new ConfigurationException(EdgeSettings.ISSUER, "is required: the OIDC provider's issuer URL"));
        String clientId = settings.optional(EdgeSettings.CLIENT_ID).orElseThrow(() ->
                new ConfigurationException(EdgeSettings.CLIENT_ID, "is required: the edge's client id at the provider"));
        ClientAuthMethod method = ClientAuthMethod.read(settings, EdgeSettings.CLIENT_AUTH);
        Optional<String> secret = settings.optional(EdgeSettings.CLIENT_SECRET);
        if (secret.isEmpty() && method.usesSecret()) {
            throw new ConfigurationException(EdgeSettings.CLIENT_SECRET, "is required with "
                    + EdgeSettings.CLIENT_AUTH.name() + "=" + method.value());
        }
        Optional<JWK> clientKey = Optional.empty();
        if (method == ClientAuthMethod.PRIVATE_KEY_JWT) {
            String file = settings.optional(EdgeSettings.CLIENT_KEY).orElseThrow(() -> new ConfigurationException(
                    EdgeSettings.CLIENT_KEY, "is required with " + EdgeSettings.CLIENT_AUTH.name() + "=private_key_jwt"));
            JWK key = SigningKeys.load(EdgeSettings.CLIENT_KEY, Path.of(file),
                            settings.optional(EdgeSettings.CLIENT_KEY_PASSWORD).orElse(""))
                    .stream().filter(JWK::isPrivate).findFirst().orElseThrow(() -> new ConfigurationException(
                            EdgeSettings.CLIENT_KEY, "file " + file + " holds no private key"));
            clientKey = Optional.of(key);
        }
        Optional<String> bearerAudience = settings.optional(EdgeSettings.BEARER_AUDIENCE);
        if (bearerAudience.isPresent() && bearerAudience.get().equals(clientId)) {
            // Every ID token the edge receives names its client id as audience: such a setting would let an ID
            // token, refreshed without nonce or at_hash, pass for an API client's access token.
            throw new ConfigurationException(EdgeSettings.BEARER_AUDIENCE, "must not be the edge's client id ("
                    + EdgeSettings.CLIENT_ID.name() + "), which every ID token carries; use the audience the provider"
                    + " puts in access tokens for API clients");
        }
        List<String> publicPaths = new java.util.ArrayList<>(ALWAYS_PUBLIC);
        publicPaths.addAll(settings.list(EdgeSettings.PUBLIC_PATHS));
        return new SignInConfiguration(issuer, clientId, secret, method, clientKey,
                String.join(" ", settings.list(EdgeSettings.SCOPES)), settings.required(EdgeSettings.ROLE_CLAIM),
                settings.bool(EdgeSettings.ROLE_CLAIM_SEPARATED),
                bearerAudience, List.copyOf(publicPaths),
                settings.required(EdgeSettings.POST_LOGOUT_URL), atLeastAMinute(settings, EdgeSettings.SESSION_IDLE_TIMEOUT),
                atLeastAMinute(settings, EdgeSettings.SESSION_LIFETIME), settings.required(EdgeSettings.CACHE_MANAGER));
    }

    private static Duration atLeastAMinute(Settings settings, Setting setting) {
        Duration value = settings.duration(setting);
        if (value.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigurationException(setting, "must be at least 1m");
        }
        return value;
    }
}
