package io.github.edgeauth.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.edgeauth.core.internal.config.ClientAuthMethod;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The identity provider of the client tests: mock-oauth2-server in this JVM on loopback, the settings of a
 * client named {@code inventory} that gets its tokens there, and a count of the token requests it served.
 * Clients registered with {@link #registerSecret} or {@link #registerKey} are authenticated as a real provider
 * does (a wrong secret, key or method gets 401 {@code invalid_client}), and their tokens carry what was asked
 * for: {@code sub} the client id, {@code aud} the {@code audience} parameter, {@code scope} the scopes.
 * Other clients get a token whatever credentials they send, as from plain mock-oauth2-server.
 */
final class TokenProvider implements AutoCloseable {
    /** The inventory client's secret: a test fails if it shows up in a log line. */
    static final String SECRET = "s3cret-never-logged";

    /** How a registered client must authenticate: its method, and its secret or its public key. */
    private record Registration(ClientAuthMethod method, Optional<String> secret, Optional<RSAKey> publicKey) {
    }

    private final Map<String, Registration> registered = new ConcurrentHashMap<>();
    final MockOAuth2Server server = new MockOAuth2Server(new AuthenticatingTokenEndpoint());

    TokenProvider() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** From now on {@code clientId} gets tokens only with {@code secret}, sent the way {@code method} says. */
    void registerSecret(String clientId, ClientAuthMethod method, String secret) {
        registered.put(clientId, new Registration(method, Optional.of(secret), Optional.empty()));
    }

    /** From now on {@code clientId} gets tokens only with a {@code private_key_jwt} assertion signed by {@code key}. */
    void registerKey(String clientId, RSAKey key) {
        registered.put(clientId, new Registration(ClientAuthMethod.PRIVATE_KEY_JWT, Optional.empty(),
                Optional.of(key.toPublicJWK())));
    }

    String issuer() {
        return "http://127.0.0.1:" + server.baseUrl().port() + "/default";
    }

    /** The inventory client's settings, bound to {@code baseUrl}; a mutable map the test may change. */
    Map<String, String> clientSettings(URI baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.client.inventory.token-endpoint", issuer() + "/token");
        settings.put("edgeauth.client.inventory.client-id", "orders-service");
        settings.put("edgeauth.client.inventory.client-secret", SECRET);
        settings.put("edgeauth.client.inventory.scopes", "inventory:read");
        settings.put("edgeauth.client.inventory.base-urls", baseUrl.toString());
        return settings;
    }

    /** Every token request of the test gets tokens of this lifetime (a few are queued ahead). */
    void tokensLive(long seconds) {
        for (int i = 0; i < 8; i++) {
            server.enqueueCallback(new DefaultOAuth2TokenCallback("default", "orders-service", "JWT",
                    List.of("inventory"), Map.of("scope", "inventory:read"), seconds));
        }
    }

    /** How many token requests arrived since the last call. */
    long tokenRequests() {
        long count = 0;
        while (true) {
            RecordedRequest request;
            try {
                request = server.takeRequest(1, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                return count;
            }
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                count++;
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** The token endpoint of registered clients: checks the client's credentials before it issues a token. */
    private final class AuthenticatingTokenEndpoint implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token")
                    && registered.containsKey(clientId(request));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String clientId = clientId(request);
            if (!authenticated(registered.get(clientId), clientId, request)) {
                return json(401, Map.of("error", "invalid_client"));
            }
            Map<String, String> form = form(request.getBody());
            List<String> audience = List.of(form.getOrDefault("audience", "default"));
            Map<String, Object> claims = Map.of("scope", form.getOrDefault("scope", ""));
            String token = server.issueToken("default", clientId, new DefaultOAuth2TokenCallback("default", clientId,
                    "JWT", audience, claims, 3600)).serialize();
            return json(200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 3600));
        }

        private boolean authenticated(Registration registration, String clientId, OAuth2HttpRequest request) {
            Map<String, String> form = form(request.getBody());
            return switch (registration.method()) {
                case CLIENT_SECRET_BASIC -> basic(request).map(pair -> pair[1])
                        .equals(registration.secret()) && !form.containsKey("client_secret");
                case CLIENT_SECRET_POST -> basic(request).isEmpty()
                        && Optional.ofNullable(form.get("client_secret")).equals(registration.secret());
                case PRIVATE_KEY_JWT -> basic(request).isEmpty() && !form.containsKey("client_secret")
                        && assertionValid(form.get("client_assertion"), clientId, registration.publicKey().orElseThrow());
            };
        }

        private boolean assertionValid(String assertion, String clientId, RSAKey key) {
            if (assertion == null) {
                return false;
            }
            try {
                SignedJWT jwt = SignedJWT.parse(assertion);
                JWTClaimsSet claims = jwt.getJWTClaimsSet();
                return jwt.verify(new RSASSAVerifier(key)) && clientId.equals(claims.getIssuer())
                        && clientId.equals(claims.getSubject()) && claims.getAudience().contains(issuer() + "/token");
            } catch (ParseException | JOSEException e) {
                return false;
            }
        }

        /** The client id of a token request: from its Basic credentials, or else its form. */
        private String clientId(OAuth2HttpRequest request) {
            return basic(request).map(pair -> pair[0]).orElseGet(() -> form(request.getBody()).getOrDefault("client_id", ""));
        }

        /** Client id and secret of {@code Authorization: Basic}, each form-decoded (RFC 6749 2.3.1). */
        private Optional<String[]> basic(OAuth2HttpRequest request) {
            String header = request.getHeaders().get("Authorization");
            if (header == null || !header.startsWith("Basic ")) {
                return Optional.empty();
            }
            String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decode(decoded.substring(0, colon)),
                    decode(decoded.substring(colon + 1))});
        }

        private Map<String, String> form(String body) {
            Map<String, String> form = new HashMap<>();
            for (String pair : (body == null ? "" : body).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
            return form;
        }

        private static String decode(String value) {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }

        private static OAuth2HttpResponse json(int status, Map<String, Object> body) {
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), status,
                    JSONObjectUtils.toJSONString(body), null);
        }
    }
}
