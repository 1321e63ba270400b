package io.github.edgeauth.filter;

import com.nimbusds.jose.util.JSONObjectUtils;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real OIDC server for the filter's tests: mock-oauth2-server in this JVM, on loopback. */
final class TestProvider implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final MockOAuth2Server server = new MockOAuth2Server();
    private final String issuerId;
    private final String issuer;

    /** Starts the server; its issuer is {@code http://127.0.0.1:<port>/<issuerId>}. */
    TestProvider(String issuerId) throws Exception {
        this.issuerId = issuerId;
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        this.issuer = "http://127.0.0.1:" + server.baseUrl().port() + "/" + issuerId;
    }

    String issuer() {
        return issuer;
    }

    /** A real client_credentials grant at the token endpoint: a 300-second token for {@code audience}. */
    String serviceToken(String clientId, String audience, String scope) throws Exception {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, clientId, "JWT", List.of(audience),
                Map.of("scope", scope, "azp", clientId), 300));
        String basic = Base64.getEncoder().encodeToString((clientId + ":secret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                                + scope.replace(" ", "%20")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
    }

    /**
     * A token the provider signs for {@code audience} with extra claims, from its token endpoint, such as one
     * shaped like an ID token ({@code nonce}, {@code at_hash}) or a logout token ({@code events}).
     */
    String tokenWithClaims(String subject, String audience, Map<String, Object> claims) throws Exception {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(audience), claims, 300));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (subject + ":secret").getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
