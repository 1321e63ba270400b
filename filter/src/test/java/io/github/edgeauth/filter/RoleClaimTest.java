package io.github.edgeauth.filter;

import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.TestKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roles reach {@code isUserInRole} exactly as the provider sent them, through the real filter in a servlet
 * container: a string role claim (AD FS sends a single role so) is one role, unless
 * {@code edgeauth.filter.role-claim-separated} says the provider packs roles into one space-separated string.
 */
class RoleClaimTest {
    private static final JWK KEY = TestKeys.rsa();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static String jwksFile;
    private static TestProvider idp;

    private JettyBackend backend;

    @BeforeAll
    static void start() throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(KEY.toPublicJWK()).toString());
        jwksFile = file.toString();
        idp = new TestProvider("adfs");
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @AfterEach
    void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    private void startBackend(String... settings) throws Exception {
        Map<String, String> params = new HashMap<>();
        params.put("edgeauth.context.jwks-file", jwksFile);
        params.put("edgeauth.context.issuer", Forge.ISSUER);
        params.put("edgeauth.context.audience", Forge.AUDIENCE);
        params.put("edgeauth.service.issuer", idp.issuer());
        params.put("edgeauth.service.audience", "orders");
        for (int i = 0; i < settings.length; i += 2) {
            params.put(settings[i], settings[i + 1]);
        }
        backend = JettyBackend.start(params);
    }

    /** A context from the edge whose {@code roles} claim is one string rather than an array. */
    private static String contextWithRoles(Object roles) {
        return Forge.context(KEY, JWSAlgorithm.RS256, Instant.now(), h -> h, c -> c.claim("roles", roles));
    }

    /** What {@code isUserInRole} answers for each of {@code roles}, for a request carrying {@code headers}. */
    private HttpResponse<String> askRoles(String path, String[] roles, String... headers) throws Exception {
        String query = Arrays.stream(roles).map(r -> "role=" + URLEncoder.encode(r, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(backend.uri(path + "?" + query)).headers(headers).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertInRole(HttpResponse<String> response, String role, boolean expected) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("inRole[" + role + "]=" + expected + "\n"), response.body());
    }

    @Test
    void aStringRoleClaimInAContextIsOneRoleWithItsSpace() throws Exception {
        startBackend();
        HttpResponse<String> response = askRoles("/orders", new String[] {"Domain Admins", "Domain", "Admins"},
                "X-User-Context", contextWithRoles("Domain Admins"));

        assertInRole(response, "Domain Admins", true);
        assertInRole(response, "Domain", false);
        assertInRole(response, "Admins", false);
    }

    @Test
    void aStringRoleClaimInAServiceTokenIsOneRoleWithItsSpace() throws Exception {
        startBackend();
        String token = idp.tokenWithClaims("reporting", "orders", Map.of("roles", "Domain Admins"));

        HttpResponse<String> response = askRoles("/orders", new String[] {"Domain Admins", "Domain"},
                "Authorization", "Bearer " + token);

        assertInRole(response, "Domain Admins", true);
        assertInRole(response, "Domain", false);
    }

    @Test
    void notAdminGetsNoAdminPath() throws Exception {
        startBackend("edgeauth.filter.required-roles", "/admin/*=admin");
        String bearer = "Bearer " + idp.tokenWithClaims("intruder", "orders", Map.of("roles", "not admin"));

        assertEquals(403, askRoles("/admin/users", new String[] {"admin"},
                "X-User-Context", contextWithRoles("not admin")).statusCode());
        assertEquals(403, askRoles("/admin/users", new String[] {"admin"},
                "X-User-Context", contextWithRoles("not,admin")).statusCode());
        assertEquals(403, askRoles("/admin/users", new String[] {"admin"}, "Authorization", bearer).statusCode());
    }

    @Test
    void aSpaceSeparatedRoleClaimGivesEachRoleWhenConfigured() throws Exception {
        startBackend("edgeauth.filter.role-claim-separated", "true");
        String[] roles = {"a", "b", "a b"};

        HttpResponse<String> fromContext = askRoles("/orders", roles, "X-User-Context", contextWithRoles("a b"));
        HttpResponse<String> fromServiceToken = askRoles("/orders", roles,
                "Authorization", "Bearer " + idp.tokenWithClaims("reporting", "orders", Map.of("roles", "a b")));

        for (HttpResponse<String> response : List.of(fromContext, fromServiceToken)) {
            assertInRole(response, "a", true);
            assertInRole(response, "b", true);
            assertInRole(response, "a b", false);
        }
    }

    @Test
    void anArrayOfRolesIsTakenAsSentEvenWhenStringsAreSeparated() throws Exception {
        startBackend("edgeauth.filter.role-claim-separated", "true");
        HttpResponse<String> response = askRoles("/orders", new String[] {"Domain Admins", "user", "Domain"},
                "X-User-Context", contextWithRoles(List.of("Domain Admins", "user")));

        assertInRole(response, "Domain Admins", true);
        assertInRole(response, "user", true);
        assertInRole(response, "Domain", false);
    }
}
