package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter in a real servlet container, spoken to over HTTP on loopback. */
class UserContextFilterTest {
    private static final JWK KEY = TestKeys.rsa();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static String jwksFile;

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private JettyBackend backend;

    @BeforeAll
    static void writeKeys() throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(KEY.toPublicJWK()).toString());
        jwksFile = file.toString();
    }

    @BeforeEach
    void captureLogs() {
        Logger logger = Logger.getLogger("io.github.edgeauth.filter");
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger("io.github.edgeauth.filter").removeHandler(capture);
        if (backend != null) {
            backend.close();
        }
    }

    private void start(String... settings) throws Exception {
        Map<String, String> params = new HashMap<>();
        params.put("edgeauth.context.jwks-file", jwksFile);
        params.put("edgeauth.context.issuer", Forge.ISSUER);
        params.put("edgeauth.context.audience", Forge.AUDIENCE);
        for (int i = 0; i < settings.length; i += 2) {
            params.put(settings[i], settings[i + 1]);
        }
        backend = JettyBackend.start(params);
    }

    private static String context(UserContext user) {
        return new ContextSigner(KEY, JWSAlgorithm.RS256, Forge.ISSUER)
                .mint(user, Forge.AUDIENCE, Duration.ofSeconds(60));
    }

    private static String alice() {
        return context(UserContext.builder().subject("alice").email("alice@example.test")
                .roles(Set.of("admin")).scopes(Set.of("orders:read")).build());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> problem(HttpResponse<String> response) throws Exception {
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("")
                .split(";")[0]);
        return JSONObjectUtils.parse(response.body());
    }

    @Test
    void jmxShowsRejectionsByReasonAndTheCacheAtWork() throws Exception {
        start();
        String alice = alice();
        assertEquals(200, get("/orders", "X-User-Context", alice).statusCode());
        assertEquals(200, get("/orders", "X-User-Context", alice).statusCode());
        assertEquals(401, get("/orders").statusCode());
        assertEquals(401, get("/orders", "X-User-Context", "not.a.token").statusCode());
        assertEquals(401, get("/orders", "X-User-Context", "not.a.token").statusCode());

        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName(
                "io.github.edgeauth:type=BackendFilter,application=\"/app\",filter=\"edgeauth\"");
        javax.management.openmbean.TabularData rejections =
                (javax.management.openmbean.TabularData) jmx.getAttribute(name, "Rejections");
        assertEquals(1L, rejections.get(new Object[] {"missing_credentials"}).get("value"));
        assertEquals(2L, rejections.get(new Object[] {"malformed"}).get("value"));
        assertEquals(1L, jmx.getAttribute(name, "ContextCacheHits"));
        assertEquals(3L, jmx.getAttribute(name, "ContextCacheMisses"), "alice once, the bad header twice");
        assertEquals(1, jmx.getAttribute(name, "ContextCacheSize"));

        backend.close();
        backend = null;
        assertFalse(jmx.isRegistered(name), "the bean goes with the filter");
    }

    @Test
    void operationsPageNamesTheBeanExactlyAsRegisteredForJmxExporterPatterns() throws Exception {
        start();
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        java.util.Set<javax.management.ObjectName> names = jmx.queryNames(new javax.management.ObjectName(
                "io.github.edgeauth:type=BackendFilter,application=\"/app\",*"), null);
        assertEquals(1, names.size(), names.toString());
        // An exporter pattern sees the key properties in this order, quotes included.
        String registered = names.iterator().next().toString().replace("\"/app\"", "\"<context path>\"");
        String page = Files.readString(Path.of("..", "docs", "operations.md"));
        assertTrue(page.contains("`" + registered + "`"), "docs/operations.md does not show " + registered);
    }

    @Test
    void requestWithoutCredentialsGets401WithABareBearerChallenge() throws Exception {
        start();
        HttpResponse<String> response = get("/orders", "X-Request-Id", "req-123");

        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"edgeauth\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        Map<String, Object> body = problem(response);
        assertEquals("missing_credentials", body.get("reason"));
        assertEquals("req-123", body.get("requestId"));
        assertEquals(401L, ((Number) body.get("status")).longValue());
        assertEquals("req-123", response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void validContextReachesOldCodeThroughTheServletApi() throws Exception {
        start();
        HttpResponse<String> response = get("/orders", "X-User-Context", alice());

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("principal=alice\n"), response.body());
        assertTrue(response.body().contains("remoteUser=alice\n"));
        assertTrue(response.body().contains("authType=EDGEAUTH\n"));
        assertTrue(response.body().contains("admin=true\n"));
        assertTrue(response.body().contains("anonymous=false\n"));
    }

    @Test
    void principalAndRolesFollowTheConfiguredClaims() throws Exception {
        start("edgeauth.filter.principal-claim", "email", "edgeauth.filter.role-claim", "realm_access.roles");
        String token = context(UserContext.builder().subject("alice").email("alice@example.test")
                .claim("realm_access", Map.of("roles", List.of("admin"))).build());

        HttpResponse<String> response = get("/orders", "X-User-Context", token);

        assertTrue(response.body().contains("principal=alice@example.test\n"), response.body());
        assertTrue(response.body().contains("admin=true\n"), response.body());
    }

    @Test
    void expiredContextIsRefusedWithContextExpiredAndTheTokenNeverEchoedOrLogged() throws Exception {
        start();
        String token = Forge.context(KEY, JWSAlgorithm.RS256, Instant.now(), h -> h,
                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600))));

        HttpResponse<String> response = get("/orders", "X-User-Context", token, "X-Request-Id", "req-exp");

        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"edgeauth\", error=\"invalid_token\", error_description=\"context_expired\"",
                response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("context_expired", problem(response).get("reason"));
        assertFalse(response.body().contains(token));
        String line = String.join("\n", logLines);
        assertTrue(line.contains("reason=context_expired"), line);
        assertTrue(line.contains("request_id=req-exp"), line);
        assertTrue(line.contains("kid=" + KEY.getKeyID()), line);
        assertTrue(line.contains("subject=alice"), line);
        assertTrue(line.contains("remote=127.0.0.1"), line);
        assertFalse(line.contains(token), line);
        assertFalse(line.contains(token.split("\\.")[2]), "signature in log");
        assertEquals(1, logLines.size(), "one line per rejection");
    }

    @Test
    void aContextForAnotherTrustGroupIsLoggedWithTheExpectedAndTheReceivedAudienceAndIssuer() throws Exception {
        start();
        String token = Forge.context(KEY, JWSAlgorithm.RS256, Instant.now(), h -> h, c -> c.audience("shop"));

        HttpResponse<String> response = get("/orders", "X-User-Context", token, "X-Request-Id", "req-aud");

        assertEquals("wrong_audience", problem(response).get("reason"));
        String line = String.join("\n", logLines);
        // What an administrator needs to see which side to change, without any tool.
        assertTrue(line.contains("reason=wrong_audience"), line);
        assertTrue(line.contains(" expected_audience=" + Forge.AUDIENCE + " audience=shop"), line);
        assertTrue(line.contains(" expected_issuer=" + Forge.ISSUER + " issuer=" + Forge.ISSUER), line);
    }

    @Test
    void aRoleClaimTheContextsDoNotCarryIsLoggedOnceWithTheClaimsTheyDo() throws Exception {
        // docs/migration.md followed too literally: the provider's claim path, where the edge's contexts say roles.
        start("edgeauth.filter.role-claim", "realm_access.roles");
        assertTrue(get("/orders?role=admin", "X-User-Context", alice()).body().contains("inRole[admin]=false"));
        assertTrue(get("/orders?role=admin", "X-User-Context", alice()).body().contains("inRole[admin]=false"));
        List<String> said = logLines.stream().filter(line -> line.contains("no roles")).toList();
        assertEquals(1, said.size(), logLines.toString());
        assertTrue(said.get(0).contains("claim realm_access.roles (edgeauth.filter.role-claim)"), said.get(0));
        assertTrue(said.get(0).contains("[roles]"), said.get(0));
    }

    @Test
    void garbageGetsMalformedNot500() throws Exception {
        start();
        for (String junk : List.of("garbage", "a.b.c", "x".repeat(9000), "\u00e9\u00e9.\u00e9.\u00e9")) {
            HttpResponse<String> response = get("/orders", "X-User-Context", junk);
            assertEquals(401, response.statusCode(), "for a value of length " + junk.length());
        }
        assertEquals("token_too_large", problem(get("/orders", "X-User-Context", "x".repeat(9000))).get("reason"));
    }

    @Test
    void twoContextHeadersAreRefused() throws Exception {
        start();
        HttpResponse<String> response = get("/orders", "X-User-Context", alice(), "X-User-Context", alice());
        assertEquals(401, response.statusCode());
        assertEquals("malformed", problem(response).get("reason"));
    }

    @Test
    void publicPathsPassWithoutAnIdentityAndIgnoreABadOne() throws Exception {
        start("edgeauth.filter.public-paths", "/health, /static/*");
        assertEquals(200, get("/health").statusCode());
        assertEquals(200, get("/static/app.css").statusCode());
        HttpResponse<String> withJunk = get("/health", "X-User-Context", "junk");
        assertEquals(200, withJunk.statusCode());
        assertTrue(withJunk.body().contains("anonymous=true"));
        assertEquals(401, get("/healthz").statusCode());
    }

    @Test
    void optionalPolicyLetsAnonymousInButNotABadCredential() throws Exception {
        start("edgeauth.filter.policy", "optional");
        HttpResponse<String> anonymous = get("/orders");
        assertEquals(200, anonymous.statusCode());
        assertTrue(anonymous.body().contains("principal=\n"));
        assertTrue(anonymous.body().contains("remoteUser=null\n"));
        assertEquals(401, get("/orders", "X-User-Context", "junk").statusCode());
    }

    @Test
    void missingScopeGets403InsufficientScopeNamingTheScope() throws Exception {
        start("edgeauth.filter.required-scopes", "/orders/write/*=orders:write");
        assertEquals(200, get("/orders/list", "X-User-Context", alice()).statusCode());

        HttpResponse<String> response = get("/orders/write/1", "X-User-Context", alice());

        assertEquals(403, response.statusCode());
        assertEquals("Bearer realm=\"edgeauth\", error=\"insufficient_scope\", error_description=\"insufficient_scope\","
                + " scope=\"orders:write\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("insufficient_scope", problem(response).get("reason"));
    }

    @Test
    void missingRoleGets403InsufficientRole() throws Exception {
        start("edgeauth.filter.required-roles", "/admin/*=admin; /audit/*=auditor");
        assertEquals(200, get("/admin/users", "X-User-Context", alice()).statusCode());
        HttpResponse<String> response = get("/audit/log", "X-User-Context", alice());
        assertEquals(403, response.statusCode());
        assertEquals("insufficient_role", problem(response).get("reason"));
    }

    @Test
    void aRoleRuleCoversEverySpellingOfItsPath() throws Exception {
        start("edgeauth.filter.required-roles", "/admin=admin", "edgeauth.filter.required-scopes", "/write=orders:write");
        String bob = context(UserContext.builder().subject("bob").build());
        for (String spelling : List.of("/admin", "/admin/", "/admin//", "//admin", "/admin;x=1", "/admin/.",
                "/%61dmin", "/x/../admin", "/write/", "/write;x", "/%77rite//")) {
            HttpResponse<String> refused = get(spelling, "X-User-Context", bob);
            assertEquals(403, refused.statusCode(), spelling);
            assertEquals(200, get(spelling, "X-User-Context", context(UserContext.builder().subject("root")
                    .roles(Set.of("admin")).scopes(Set.of("orders:write")).build())).statusCode(), spelling);
        }
    }

    @Test
    void aPublicPathIsNoDoorToItsNeighbours() throws Exception {
        start("edgeauth.filter.public-paths", "/health");
        assertEquals(200, get("/health/").statusCode());
        for (String spelling : List.of("/health/..;/admin", "/health/%2e%2e/admin", "/health%2F..%2Fadmin",
                "/health;/../admin")) {
            HttpResponse<String> response = get(spelling);
            assertTrue(response.statusCode() == 401 || response.statusCode() == 400 || response.statusCode() == 404,
                    spelling + " " + response.statusCode());
        }
    }

    @Test
    void ruleOnAPathWithoutIdentityAnswers401EvenWhenOptional() throws Exception {
        start("edgeauth.filter.policy", "optional", "edgeauth.filter.required-roles", "/admin/*=admin");
        assertEquals(401, get("/admin/users").statusCode());
    }

    @Test
    void requestIdComesFromTraceparentWhenNoRequestIdIsSent() throws Exception {
        start();
        HttpResponse<String> response = get("/orders",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", problem(response).get("requestId"));
    }

    @Test
    void switchedOffFilterLetsEverythingThrough() throws Exception {
        start("edgeauth.filter.enabled", "false");
        assertEquals(200, get("/orders").statusCode());
    }

    @Test
    void developmentModeIsAnnouncedAtDeploymentWithOneWarningNamingTheSetting() throws Exception {
        start("edgeauth.filter.development", "true");
        assertEquals(1, logLines.stream().filter(line -> line.contains("edgeauth.filter.development=true")).count(),
                logLines.toString());
        assertEquals(401, get("/orders").statusCode());
    }

    @Test
    void noDevelopmentWarningByDefault() throws Exception {
        start();
        assertTrue(logLines.stream().noneMatch(line -> line.contains("development")), logLines.toString());
    }

    @Test
    void bearerTokenWithoutAServiceIssuerIsRefused() throws Exception {
        start();
        HttpResponse<String> response = get("/orders", "Authorization", "Bearer " + alice());
        assertEquals(401, response.statusCode());
        assertEquals("service_tokens_disabled", problem(response).get("reason"));
    }

    @Test
    void basicAuthIsNotMistakenForABearerToken() throws Exception {
        start();
        assertEquals("missing_credentials",
                problem(get("/orders", "Authorization", "Basic YWxpY2U6c2VjcmV0")).get("reason"));
    }

    @Test
    void misconfiguredFilterFailsTheDeploymentNamingTheSetting() {
        Exception failure = assertThrows(Exception.class,
                () -> JettyBackend.start(Map.of("edgeauth.context.algorithms", "RS256")));
        Throwable cause = failure;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append('\n');
            cause = cause.getCause();
        }
        assertTrue(messages.toString().contains("edgeauth.context.jwks-url"), messages.toString());
    }
}
