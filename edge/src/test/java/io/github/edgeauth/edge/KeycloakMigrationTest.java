package io.github.edgeauth.edge;

import io.github.edgeauth.edge.internal.keys.JwksServlet;
import io.github.edgeauth.core.testing.LoopbackJetty;
import io.github.edgeauth.core.internal.config.Settings;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.edgeauth.filter.UserContextFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/migration.md step 2, as the guide's table says: a bearer-only backend that used the Keycloak adapter
 * with this {@code keycloak.json}
 * <pre>
 * { "realm": "shop", "auth-server-url": "...", "resource": "orders", "bearer-only": true,
 *   "use-resource-role-mappings": true, "principal-attribute": "preferred_username",
 *   "verify-token-audience": true, "credentials": { "secret": "..." } }
 * </pre>
 * is served by the edge and {@code edgeauth-filter} with the settings the table gives, and its API clients keep
 * their Keycloak-shaped access tokens. The provider is mock-oauth2-server with the realm as its issuer id.
 */
class KeycloakMigrationTest {
    private static final String REALM = "shop";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static MockOAuth2Server idp;
    private static String issuer;
    private static LoopbackJetty edge;
    private static LoopbackJetty backend;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = "http://127.0.0.1:" + idp.baseUrl().port() + "/" + REALM;
        int edgePort = LoopbackJetty.freePort();

        backend = new LoopbackJetty("/orders", 0).filter(UserContextFilter.class, "edgeauth", Map.of(
                "edgeauth.context.jwks-url", "http://127.0.0.1:" + edgePort + JwksServlet.PATH,
                "edgeauth.filter.principal-claim", "preferred_username",          // principal-attribute
                "edgeauth.filter.role-claim", "resource_access.orders.roles"),    // use-resource-role-mappings
                "/*");
        backend.servlet(new LegacyReport(), "/*").start();

        edge = Jetty.edge(Settings.of(Map.of(
                "edgeauth.edge.issuer", issuer,                                   // auth-server-url + realm
                "edgeauth.edge.client-id", "shop-web",                            // the login WAR's resource
                "edgeauth.edge.client-secret", "shop-web-secret",                 // its credentials.secret
                "edgeauth.edge.bearer-audience", "orders",                        // a bearer-only backend's resource
                "edgeauth.edge.role-claim", "resource_access.orders.roles",       // use-resource-role-mappings
                "edgeauth.edge.route.orders", backend.uri("").toString()), Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")),
                edgePort, Clock.systemUTC()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        backend.close();
        idp.shutdown();
    }

    /** An access token shaped as Keycloak issues it, from the provider's token endpoint. */
    private static String keycloakToken(List<String> audience) throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(REALM, "f3a1c2d4-7b9e-4c1a-9d2f-0e8b6a5c4d3e", "JWT",
                audience, Map.of(
                        "azp", "shop-web",
                        "preferred_username", "bob",
                        "realm_access", Map.of("roles", List.of("offline_access")),
                        "resource_access", Map.of("orders", Map.of("roles", List.of("clerk")))), 300));
        String basic = Base64.getEncoder().encodeToString("shop-web:secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
    }

    private static HttpResponse<String> callThroughTheEdge(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(edge.uri("/orders/report"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOldApiClientsTokenReachesTheBackendWithTheUsernameAndTheResourceRoles() throws Exception {
        HttpResponse<String> response = callThroughTheEdge(keycloakToken(List.of("orders", "account")));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("remoteUser=bob\n"), response.body());
        assertTrue(response.body().contains("clerk=true\n"), response.body());
        assertTrue(response.body().contains("offline_access=false\n"), "realm roles are not resource roles: "
                + response.body());
    }

    @Test
    void aTokenNotMeantForTheResourceIsRefusedAsVerifyTokenAudienceDid() throws Exception {
        HttpResponse<String> response = callThroughTheEdge(keycloakToken(List.of("account")));

        assertEquals(401, response.statusCode());
        assertEquals("wrong_audience", JSONObjectUtils.parse(response.body()).get("reason"));
    }

    @Test
    void theBackendNoLongerTakesTheTokenDirectly() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(backend.uri("/report"))
                .header("Authorization", "Bearer " + keycloakToken(List.of("orders"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertEquals("service_tokens_disabled", JSONObjectUtils.parse(response.body()).get("reason"));
    }

    /** What the old bearer-only code asked of the servlet API. */
    static final class LegacyReport extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print("remoteUser=" + req.getRemoteUser() + "\nclerk=" + req.isUserInRole("clerk")
                    + "\noffline_access=" + req.isUserInRole("offline_access") + "\n");
        }
    }
}
