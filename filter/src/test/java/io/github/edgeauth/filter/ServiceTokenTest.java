package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.MutableClock;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.internal.token.ContextSigner;
import io.github.edgeauth.core.internal.token.VerificationResult;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service tokens from a real OIDC server (mock-oauth2-server in this JVM, on loopback), fetched with the
 * client_credentials grant and checked by the filter against the server's discovered JWKS.
 */
class ServiceTokenTest {
    private static final String ISSUER_ID = "svc";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JWK EDGE_KEY = TestKeys.rsa();

    @TempDir
    static Path dir;
    private static TestProvider idp;
    private static String issuer;
    private static String jwksFile;

    private JettyBackend backend;

    @BeforeAll
    static void startProvider() throws Exception {
        idp = new TestProvider(ISSUER_ID);
        issuer = idp.issuer();
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(EDGE_KEY.toPublicJWK()).toString());
        jwksFile = file.toString();
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @AfterEach
    void stopBackend() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    private void startBackend(String audience) throws Exception {
        backend = JettyBackend.start(Map.of(
                "edgeauth.context.jwks-file", jwksFile,
                "edgeauth.service.issuer", issuer,
                "edgeauth.service.audience", audience));
    }

    private static String serviceToken(String clientId, String audience, String scope) throws Exception {
        return idp.serviceToken(clientId, audience, scope);
    }

    private HttpResponse<String> get(String... headers) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(backend.uri("/items")).headers(headers).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokensShapedAsIdTokensOrLogoutTokensAreNoServiceTokens() throws Exception {
        startBackend("orders");
        for (Map<String, Object> claims : java.util.List.<Map<String, Object>>of(Map.of("nonce", "n-1"),
                Map.of("at_hash", "x"), Map.of("c_hash", "y"),
                Map.of("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())))) {
            HttpResponse<String> response = get("Authorization", "Bearer " + idp.tokenWithClaims("alice", "orders", claims));
            assertEquals(401, response.statusCode(), claims.toString());
            assertEquals("wrong_type", JSONObjectUtils.parse(response.body()).get("reason"), claims.toString());
        }
        HttpResponse<String> plain = get("Authorization", "Bearer " + idp.tokenWithClaims("batch", "orders", Map.of()));
        assertEquals(200, plain.statusCode(), plain.body());
    }

    @Test
    void serviceTokenAloneIdentifiesTheCallingService() throws Exception {
        startBackend("inventory");
        String token = serviceToken("orders-service", "inventory", "inventory:read");

        HttpResponse<String> response = get("Authorization", "Bearer " + token);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("callingService=orders-service\n"), response.body());
        assertTrue(response.body().contains("serviceScopes=inventory:read\n"), response.body());
    }

    @Test
    void contextAndServiceTokenTogetherGiveTheUserAndTheCaller() throws Exception {
        startBackend("inventory");
        String token = serviceToken("orders-service", "inventory", "inventory:read");
        String context = new ContextSigner(EDGE_KEY, JWSAlgorithm.RS256, "edgeauth-edge")
                .mint(UserContext.builder().subject("alice").roles(Set.of("admin")).build(), "edgeauth",
                        Duration.ofSeconds(60));

        HttpResponse<String> response = get("Authorization", "Bearer " + token, "X-User-Context", context);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("subject=alice\n"), response.body());
        assertTrue(response.body().contains("admin=true\n"), response.body());
        assertTrue(response.body().contains("callingService=orders-service\n"), response.body());
    }

    @Test
    void serviceTokenForAnotherAudienceIsRefused() throws Exception {
        startBackend("inventory");
        String token = serviceToken("orders-service", "billing", "billing:read");

        HttpResponse<String> response = get("Authorization", "Bearer " + token);

        assertEquals(401, response.statusCode());
        assertEquals("wrong_audience", JSONObjectUtils.parse(response.body()).get("reason"));
    }

    @Test
    void anEdgeContextIsNotAServiceToken() throws Exception {
        startBackend("edgeauth");
        String context = new ContextSigner(EDGE_KEY, JWSAlgorithm.RS256, issuer)
                .mint(UserContext.builder().subject("alice").build(), "edgeauth", Duration.ofSeconds(60));

        HttpResponse<String> response = get("Authorization", "Bearer " + context);

        assertEquals(401, response.statusCode());
        assertEquals("wrong_type", JSONObjectUtils.parse(response.body()).get("reason"));
    }

    @Test
    void anExpiredServiceTokenIsRejectedWithTokenExpired() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        FilterConfiguration config = FilterConfiguration.read(io.github.edgeauth.core.internal.config.Settings.of(Map.of(
                "edgeauth.context.jwks-file", jwksFile,
                "edgeauth.service.issuer", issuer,
                "edgeauth.service.audience", "inventory"), Map.of()), clock);
        String token = serviceToken("orders-service", "inventory", "inventory:read"); // lives 300 s

        assertTrue(config.serviceTokens().orElseThrow().verify(token) instanceof VerificationResult.Accepted);
        clock.advance(Duration.ofSeconds(300 + 61));
        VerificationResult later = config.serviceTokens().orElseThrow().verify(token);
        assertEquals(ReasonCode.TOKEN_EXPIRED, ((VerificationResult.Rejected) later).reason());
    }

    @Test
    void providerDownAtFirstUseAnswers503KeysUnavailableAndDeploymentStillSucceeds() throws Exception {
        backend = JettyBackend.start(Map.of(
                "edgeauth.context.jwks-file", jwksFile,
                "edgeauth.service.issuer", "http://127.0.0.1:9/nobody-listens",
                "edgeauth.service.audience", "inventory"));
        HttpResponse<String> response = get("Authorization", "Bearer " + serviceToken("orders-service", "inventory", "x"));

        assertEquals(503, response.statusCode());
        assertEquals("keys_unavailable", JSONObjectUtils.parse(response.body()).get("reason"));

        // What is not even a JWS needs no keys to be refused for what it is.
        HttpResponse<String> garbage = get("Authorization", "Bearer not-a-token");
        assertEquals(401, garbage.statusCode());
        assertEquals("malformed", JSONObjectUtils.parse(garbage.body()).get("reason"));
    }
}
