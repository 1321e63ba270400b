package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/migration.md steps 4 and 5, as the guide says them: a WAR with its own checks of old tokens and API keys
 * adds the filter with {@code edgeauth.filter.policy=alongside} (old and new callers get in), switches to
 * {@code required} (only edgeauth's), and rolls back by setting {@code alongside} again. Service tokens come
 * from a real OIDC server (mock-oauth2-server in this JVM, on loopback).
 */
class RolloutTest {
    private static final JWK KEY = TestKeys.rsa();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ISSUER_ID = "shop";

    @TempDir
    static Path dir;
    private static String jwksFile;
    private static TestProvider idp;
    private static String serviceIssuer;
    private JettyBackend backend;

    @BeforeAll
    static void start() throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(KEY.toPublicJWK()).toString());
        jwksFile = file.toString();
        idp = new TestProvider(ISSUER_ID);
        serviceIssuer = idp.issuer();
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    private void deploy(String policy) throws Exception {
        if (backend != null) {
            backend.close();
        }
        backend = JettyBackend.startBeforeAnOldCheck(Map.of(
                "edgeauth.filter.policy", policy,
                "edgeauth.context.jwks-file", jwksFile,
                "edgeauth.context.issuer", Forge.ISSUER,
                "edgeauth.context.audience", Forge.AUDIENCE,
                "edgeauth.service.issuer", serviceIssuer,
                "edgeauth.service.audience", "orders"), new OldTokenCheck());
    }

    private HttpResponse<String> get(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri("/orders")).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String context() {
        return new ContextSigner(KEY, JWSAlgorithm.RS256, Forge.ISSUER)
                .mint(UserContext.builder().subject("alice").build(), Forge.AUDIENCE, Duration.ofSeconds(60));
    }

    /** A client_credentials token for {@code clientId}, as the client feature fetches it. */
    private static String serviceToken(String clientId) throws Exception {
        return idp.serviceToken(clientId, "orders", "orders:read");
    }

    /** An unsigned token that claims the service issuer: edgeauth's to judge, and never good. */
    private static String unsignedFromTheServiceIssuer() {
        return Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode("{\"iss\":\"" + serviceIssuer
                + "\",\"sub\":\"mallory\",\"exp\":4102444800}") + ".";
    }

    private static String reason(HttpResponse<String> response) throws Exception {
        return (String) JSONObjectUtils.parse(response.body()).get("reason");
    }

    @Test
    void alongsideBothTheOldTokenAndTheContextGetIn() throws Exception {
        deploy("alongside");

        HttpResponse<String> old = get("Authorization", "Bearer old-token-of-bob");
        assertEquals(200, old.statusCode(), old.body());
        assertTrue(old.body().contains("principal=bob\n"), old.body());
        assertTrue(old.body().contains("anonymous=true\n"), "edgeauth saw no identity: " + old.body());

        HttpResponse<String> viaEdge = get("X-User-Context", context());
        assertEquals(200, viaEdge.statusCode(), viaEdge.body());
        assertTrue(viaEdge.body().contains("principal=alice\n"), viaEdge.body());
    }

    @Test
    void alongsideAVerifiedContextWinsOverALegacyTokenSentWithIt() throws Exception {
        deploy("alongside");
        // Alice's context from the edge, and somebody else's old token in the same request: the application sees
        // the identity edgeauth verified; the old check lets a known caller through and never reads the token.
        HttpResponse<String> both = get("X-User-Context", context(), "Authorization", "Bearer old-token-of-bob");
        assertEquals(200, both.statusCode(), both.body());
        assertTrue(both.body().contains("principal=alice\n"), both.body());
        assertFalse(both.body().contains("bob"), both.body());

        // A bad context with a good old token is refused: edgeauth judges its own credential first.
        HttpResponse<String> badContext = get("X-User-Context", context().replace('.', '!'),
                "Authorization", "Bearer old-token-of-bob");
        assertEquals(401, badContext.statusCode());
        assertEquals("malformed", reason(badContext));
    }

    @Test
    void alongsideAnApiKeyCallerAndAServiceTokenCallerBothGetIn() throws Exception {
        deploy("alongside");

        HttpResponse<String> apiKey = get("X-Api-Key", "key-of-billing");
        assertEquals(200, apiKey.statusCode(), apiKey.body());
        assertTrue(apiKey.body().contains("principal=billing-job\n"), apiKey.body());

        HttpResponse<String> serviceToken = get("Authorization", "Bearer " + serviceToken("billing"));
        assertEquals(200, serviceToken.statusCode(), serviceToken.body());
        assertTrue(serviceToken.body().contains("callingService=billing\n"), serviceToken.body());
        assertTrue(serviceToken.body().contains("serviceScopes=orders:read\n"), serviceToken.body());
    }

    @Test
    void alongsideTheOldCheckStillRefusesWhatItAlwaysRefused() throws Exception {
        deploy("alongside");

        HttpResponse<String> nothing = get();
        assertEquals(401, nothing.statusCode());
        assertTrue(nothing.body().contains("old check"), nothing.body());

        HttpResponse<String> unknownOld = get("Authorization", "Bearer not-a-token-anyone-issued");
        assertEquals(401, unknownOld.statusCode());
        assertTrue(unknownOld.body().contains("old check"), unknownOld.body());
    }

    @Test
    void alongsideEdgeauthStillJudgesItsOwnCredentials() throws Exception {
        deploy("alongside");

        HttpResponse<String> forged = get("X-User-Context", context().replace('.', '!'));
        assertEquals(401, forged.statusCode());
        assertEquals("malformed", reason(forged));

        HttpResponse<String> claimsTheIssuer = get("Authorization", "Bearer " + unsignedFromTheServiceIssuer());
        assertEquals(401, claimsTheIssuer.statusCode());
        assertEquals("unsigned", reason(claimsTheIssuer));
    }

    @Test
    void theSwitchRefusesOldTokensAndTheRollbackLetsThemInAgain() throws Exception {
        deploy("required");
        HttpResponse<String> old = get("Authorization", "Bearer old-token-of-bob");
        assertEquals(401, old.statusCode());
        assertEquals("malformed", reason(old));
        assertEquals(200, get("X-User-Context", context()).statusCode());
        assertEquals(401, get("X-Api-Key", "key-of-billing").statusCode());
        assertEquals(200, get("Authorization", "Bearer " + serviceToken("billing")).statusCode());

        deploy("alongside");
        assertEquals(200, get("Authorization", "Bearer old-token-of-bob").statusCode());
    }
}
