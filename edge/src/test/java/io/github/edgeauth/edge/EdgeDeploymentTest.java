package io.github.edgeauth.edge;

import io.github.edgeauth.edge.internal.signin.SignInTest;
import io.github.edgeauth.core.testing.LoopbackJetty;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge deployed as its WAR deploys it (the jar's initializer reading context-params), so what
 * deployment decides can be seen from outside: the cookies of a sign-in are {@code Secure} unless development mode
 * says otherwise.
 */
class EdgeDeploymentTest {
    @TempDir
    static Path dir;
    private static MockOAuth2Server idp;
    private static String signingKey;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        RSAKey key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        Path pem = dir.resolve("edge-signing.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.toRSAPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        signingKey = pem.toString();
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    private static LoopbackJetty deployed(Map<String, String> contextParams) throws Exception {
        LoopbackJetty edge = new LoopbackJetty("", 0);
        edge.contextParam("edgeauth.edge.issuer", "http://127.0.0.1:" + idp.baseUrl().port() + "/default");
        edge.contextParam("edgeauth.edge.client-id", "edge");
        edge.contextParam("edgeauth.edge.client-secret", "edge-secret");
        contextParams.forEach(edge::contextParam);
        edge.initializer(new EdgeInitializer());
        return edge.start();
    }

    private static List<String> cookiesOfALoginStart(LoopbackJetty edge) throws Exception {
        HttpResponse<Void> start = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(edge.uri("/")).header("Accept", SignInTest.NAVIGATION_ACCEPT).build(),
                        HttpResponse.BodyHandlers.discarding());
        assertEquals(302, start.statusCode());
        return start.headers().allValues("Set-Cookie");
    }

    @Test
    void outsideDevelopmentModeTheSignInCookieIsSecure() throws Exception {
        try (LoopbackJetty edge = deployed(Map.of("edgeauth.edge.signing-key", signingKey,
                "edgeauth.edge.public-url", "https://localhost:8443"))) {
            List<String> cookies = cookiesOfALoginStart(edge);
            assertFalse(cookies.isEmpty());
            assertTrue(cookies.stream().allMatch(cookie -> cookie.toLowerCase().contains("; secure")), cookies.toString());
            assertTrue(cookies.stream().allMatch(cookie -> cookie.startsWith("__Host-")), cookies.toString());
        }
    }

    @Test
    void inDevelopmentModeThePlainHttpDemoKeepsItsSession() throws Exception {
        try (LoopbackJetty edge = deployed(Map.of("edgeauth.edge.development", "true"))) {
            List<String> cookies = cookiesOfALoginStart(edge);
            assertFalse(cookies.isEmpty());
            assertTrue(cookies.stream().noneMatch(cookie -> cookie.toLowerCase().contains("; secure")), cookies.toString());
        }
    }
}
