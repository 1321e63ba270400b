package io.github.edgeauth.it;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.edgeauth.demo.DemoSystem;
import io.github.edgeauth.testkit.Browser;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole system as users run it: the edge WAR and the two sample backends, each in its own Payara Micro
 * (loopback only), one boot for all the scenarios of this class; mock-oauth2-server in this JVM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {
    static MockOAuth2Server provider;
    static String issuer;
    static DemoSystem system;
    static RSAKey edgeKey;
    static final List<RecordedRequest> PROVIDER_REQUESTS = new ArrayList<>();
    /** docs/migration.md's step 0: a WAR run beside the demo as the page says. */
    static MigrationGuide guide;
    static int guidePort;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it"));
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        Files.createDirectories(dir);

        // The MockWebServer-based server records requests, so the test can count token requests.
        provider = MockProvider.inThisJvm(MockProvider.recordingConfig(), 0);
        issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";

        // The edge signs with a key this test also holds, so it can mint valid contexts of its own.
        edgeKey = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        Path pem = dir.resolve("edge-signing.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(edgeKey.toRSAPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        DemoSystem.Layout layout = DemoSystem.Layout.of(demo, dir.resolve("run"),
                Ports.free(), Ports.free(), Ports.free());
        guidePort = Ports.free();
        guide = MigrationGuide.read(Path.of(System.getProperty("edgeauth.docs.dir", "../../docs")), dir.resolve("guide"),
                Map.of(8080, layout.edgePort(), 9000, provider.baseUrl().port(), 8084, guidePort, 6984, Ports.free()));
        // /metrics/* as docs/operations.md shows it: at the root context Payara serves /metrics inside the edge's WAR.
        system = DemoSystem.start(layout, issuer, Map.of("EDGEAUTH_EDGE_SIGNING_KEY", pem.toString(),
                "EDGEAUTH_EDGE_PUBLIC_PATHS", "/health /favicon.ico /metrics/*",
                guide.route().getKey(), guide.route().getValue()), Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopTheSystem() throws InterruptedException {
        if (guide != null) {
            guide.close();
        }
        if (system != null) {
            system.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    /** Every request the provider has seen so far (kept, since reading them takes them off its queue). */
    static synchronized List<RecordedRequest> providerRequests() {
        while (true) {
            try {
                PROVIDER_REQUESTS.add(provider.takeRequest(1, TimeUnit.MILLISECONDS));
            } catch (RuntimeException none) {
                return List.copyOf(PROVIDER_REQUESTS);
            }
        }
    }

    static long tokenRequestsWith(String formPart) {
        return providerRequests().stream()
                .filter(r -> r.getPath() != null && r.getPath().endsWith("/token"))
                .filter(r -> r.getBody().clone().readUtf8().contains(formPart))
                .count();
    }

    @Test
    @Order(10) // while the provider is up: the provider-down test comes last
    void noMethodHeaderByteHostOrPathSpellingSentToTheEdgeOnPayaraEndsInA5xx() throws Exception {
        // First the provider answers the edge's probe (a cold one may not within its 2 s), so a page view's
        // sign-in redirect, not the "provider unavailable" page, is what the sweep meets.
        Http person = new Http();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (person.get(edge("/orders/api/me")).statusCode() != 302 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        List<String> answers = FrontDoorSweep.through(edge("/").getPort());
        List<String> serverErrors = answers.stream().filter(a -> a.contains("-> HTTP/1.1 5")).toList();
        assertTrue(serverErrors.isEmpty(), serverErrors.size() + " of " + answers.size() + ": " + serverErrors);
        for (String refused : List.of("TRACE /orders/api/me", "TRACK /orders/api/me")) {
            String answer = answers.stream().filter(a -> a.startsWith(refused + "  Host=127.0.0.1 ->")).findFirst()
                    .orElseThrow();
            assertTrue(answer.contains("-> HTTP/1.1 405"), answer);
        }
    }

    static URI edge(String path) {
        return system.edge().uri(path);
    }

    static String serviceToken(String scope) throws Exception {
        HttpResponse<String> response = new Http().postForm(URI.create(issuer + "/token"),
                Map.of("grant_type", "client_credentials", "scope", scope),
                "Authorization", "Basic " + Base64.getEncoder().encodeToString("reporting-job:secret".getBytes()));
        return (String) Http.json(response).get("access_token");
    }

    static String context(String audience, Instant issuedAt, Duration ttl, Set<String> scopes) {
        return context(audience, ttl, scopes, Set.of());
    }

    static String context(String audience, Duration ttl, Set<String> scopes, Set<String> roles) {
        ContextSigner signer = new ContextSigner(edgeKey, JWSAlgorithm.RS256, "edgeauth-edge");
        return signer.mint(UserContext.builder().subject("mallory").scopes(scopes).roles(roles).build(), audience, ttl);
    }

    @Test
    @Order(0)
    void aPersonSignsInWithABrowserAndSeesBothBackendsAnswer() throws Exception {
        ChromeDriver browser = Browser.start(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "chromium"));
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            Browser.signInAtTheMockProvider(browser, edge("/").toString(), "erin",
                    "{\"roles\":[\"admin\"],\"email\":\"erin@example.test\"}");
            browser.findElement(By.id("call-chain")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("inventory-saw"), "orders-service"));

            String ordersSaw = browser.findElement(By.id("orders-saw")).getText();
            String inventorySaw = browser.findElement(By.id("inventory-saw")).getText();
            assertTrue(ordersSaw.contains("\"subject\": \"erin\""), ordersSaw);
            assertTrue(inventorySaw.contains("\"subject\": \"erin\""), inventorySaw);
            assertTrue(inventorySaw.contains("\"clientId\": \"orders-service\""), inventorySaw);
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(0)
    void aServerRenderedWarWorksThroughTheEdgeByItsOwnLinksFormsUploadsAndDownloads() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it"));
        Path upload = Files.writeString(dir.resolve("shopping-list.txt"), "milk, bread\n");
        ChromeDriver browser = Browser.start(dir.resolve("chromium-notes"));
        try {
            String origin = "http://127.0.0.1:" + edge("/").getPort();
            Browser.signInAtTheMockProvider(browser, origin + "/", "alice", "{\"roles\":[\"admin\"]}");
            NotesPage notes = NotesPage.open(browser, origin);
            assertEquals("alice", notes.greeting(), "the WAR's getUserPrincipal()");
            assertEquals(origin + "/notes/", notes.url(), "the WAR's own redirect, made the edge's");
            assertTrue(notes.aboutAndBack().contains("You are alice"), "a link built from the context path");

            notes.save("call the plumber"); // redirect after post, to the WAR's absolute URL
            assertEquals(List.of("call the plumber"), notes.notes());
            assertEquals(origin + "/notes/", notes.url());
            notes.upload(upload);
            assertEquals(List.of("shopping-list.txt"), notes.files());
            List<Object> download = notes.downloadFirstFile();
            assertEquals(200L, download.get(0), download.toString());
            assertTrue(download.get(1).toString().startsWith("attachment"), download.toString());
            assertEquals("milk, bread\n", download.get(2));
            assertEquals("Administration", notes.administration(), "the web.xml constraint lets the admin in");

            // Reopened later in the same browser: the WAR's own session kept what was saved.
            assertEquals(List.of("call the plumber"), NotesPage.open(browser, origin).notes());
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(0)
    void whoSignsInAfterSomeoneElseInTheSameBrowserSeesNoneOfTheirLegacySession() throws Exception {
        ChromeDriver browser = Browser.start(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "chromium-shared"));
        try {
            String origin = "http://127.0.0.1:" + edge("/").getPort();
            Browser.signInAtTheMockProvider(browser, origin + "/", "bob", "{}");
            NotesPage asBob = NotesPage.open(browser, origin).save("bob's diary: the safe code is 4711");
            assertFalse(asBob.offersAdministration());
            asBob.signOut();

            Browser.signInAtTheMockProvider(browser, origin + "/", "alice", "{}");
            NotesPage asAlice = NotesPage.open(browser, origin);
            assertEquals("alice", asAlice.greeting());
            assertEquals(List.of(), asAlice.notes(), "Bob's notes, in the legacy WAR's session");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void aSignedInUserReachesOrdersAndThroughItInventoryWhichAlsoSeesTheCallingService() throws Exception {
        Http person = new Http();
        person.login(edge("/"), "alice", "{\"roles\":[\"admin\"],\"email\":\"alice@example.test\"}");

        Map<String, Object> answer = Http.json(person.get(edge("/orders/api/stock/42")));

        @SuppressWarnings("unchecked") Map<String, Object> orders = (Map<String, Object>) answer.get("orders");
        @SuppressWarnings("unchecked") Map<String, Object> inventory = (Map<String, Object>) answer.get("inventory");
        @SuppressWarnings("unchecked") Map<String, Object> user = (Map<String, Object>) inventory.get("user");
        @SuppressWarnings("unchecked") Map<String, Object> caller = (Map<String, Object>) inventory.get("caller");
        // @Inject UserContext works in orders (bean discovery "annotated") and in inventory ("all").
        assertEquals("alice", orders.get("subject"));
        assertEquals("alice", user.get("subject"));
        assertEquals(List.of("admin"), user.get("roles"));
        assertEquals("orders-service", caller.get("clientId"));
        assertEquals(List.of("inventory:read"), caller.get("scopes"));
    }

    @Test
    @Order(2)
    void anApiClientWithABearerTokenReachesBothBackendsAndWithoutOneGets401NotARedirect() throws Exception {
        Http api = new Http();
        String token = serviceToken("edge:api");

        HttpResponse<String> response = api.get(edge("/orders/api/stock/7"), "Authorization", "Bearer " + token,
                "Accept", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"subject\":\"reporting-job\""), response.body());
        assertTrue(response.body().contains("\"clientId\":\"orders-service\""), response.body());

        HttpResponse<String> anonymous = api.get(edge("/orders/api/me"), "Accept", "application/json");
        assertEquals(401, anonymous.statusCode());
        assertEquals("missing_credentials", Http.json(anonymous).get("reason"));
        assertTrue(anonymous.headers().firstValue("Location").isEmpty());
    }

    @Test
    @Order(3)
    void badContextsSentStraightToABackendGet401WithTheRightReasonAndAMissingScope403() throws Exception {
        Http attacker = new Http();
        URI orders = system.orders().uri("/orders/api/me");
        URI inventory = system.inventory().uri("/inventory/api/stock/1");
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(edgeKey.getKeyID()).generate();
        Instant now = Instant.now();

        String expired = context("shop", now, Duration.ofSeconds(-120), Set.of());
        String wrongAudience = context("hr", now, Duration.ofSeconds(60), Set.of());
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer("edgeauth-edge").audience("shop")
                .subject("mallory").expirationTime(Date.from(now.plusSeconds(60))).build()).serialize();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(edgeKey.getKeyID())
                .type(new JOSEObjectType("edgeauth-ctx+jwt")).build(),
                new JWTClaimsSet.Builder().issuer("edgeauth-edge").audience("shop").subject("mallory")
                        .expirationTime(Date.from(now.plusSeconds(60))).build());
        forged.sign(new RSASSASigner(otherKey));

        Map<String, String> expectations = Map.of(expired, "context_expired", wrongAudience, "wrong_audience",
                unsigned, "unsigned", forged.serialize(), "bad_signature", "not-a-jws", "malformed");
        for (Map.Entry<String, String> attempt : expectations.entrySet()) {
            HttpResponse<String> response = attacker.get(orders, "X-User-Context", attempt.getKey());
            assertEquals(401, response.statusCode(), attempt.getValue());
            assertEquals(attempt.getValue(), Http.json(response).get("reason"));
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("")
                    .contains("error_description=\"" + attempt.getValue() + "\""));
        }

        // A valid context, but inventory wants a caller holding inventory:read.
        HttpResponse<String> noScope = attacker.get(inventory, "X-User-Context",
                context("shop", now, Duration.ofSeconds(60), Set.of("openid")));
        assertEquals(403, noScope.statusCode());
        assertEquals("insufficient_scope", Http.json(noScope).get("reason"));
        assertTrue(noScope.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));
    }

    @Test
    @Order(3)
    void everySpellingOfTheAdminPathNeedsTheAdminRoleAtOrders() throws Exception {
        Http caller = new Http();
        String user = context("shop", Duration.ofSeconds(60), Set.of(), Set.of());
        String admin = context("shop", Duration.ofSeconds(60), Set.of(), Set.of("admin"));
        List<String> routed = new ArrayList<>();
        for (String spelling : List.of("/admin", "/admin/", "/admin//", "//admin", "/admin;x=1", "/admin/.",
                "/%61dmin", "/x/../admin", "/x/..;/admin")) {
            URI uri = system.orders().uri("/orders/api" + spelling);
            HttpResponse<String> refused = caller.get(uri, "X-User-Context", user);
            assertEquals(403, refused.statusCode(), spelling + " " + refused.body());
            assertEquals("insufficient_role", Http.json(refused).get("reason"), spelling);
            // With the role: the resource, wherever Payara and JAX-RS route the spelling to it (some they do not).
            HttpResponse<String> allowed = caller.get(uri, "X-User-Context", admin);
            assertTrue(allowed.statusCode() == 200 || allowed.statusCode() == 404, spelling + " " + allowed.statusCode());
            if (allowed.statusCode() == 200) {
                assertTrue(allowed.body().contains("\"admin\":\"mallory\""), spelling + " " + allowed.headers().map()
                        + " " + allowed.body());
                routed.add(spelling);
            }
        }
        // The review got past the rule with a trailing slash, which JAX-RS routes to the same resource.
        assertTrue(routed.containsAll(List.of("/admin", "/admin/")), routed.toString());
        // An encoded slash: Payara does not route it to the resource; it must never be a way around the rule.
        HttpResponse<String> encodedSlash = caller.get(system.orders().uri("/orders/api%2Fadmin"), "X-User-Context", user);
        assertTrue(encodedSlash.statusCode() >= 400, encodedSlash.statusCode() + " " + encodedSlash.body());
    }

    @Test
    @Order(3)
    void throughTheEdgeATrailingSlashNeitherAdministersNorWritesWithoutTheRightToAndDotSegmentsStopThere()
            throws Exception {
        Http person = new Http();
        person.login(edge("/"), "oscar", "{}");
        for (String spelling : List.of("/orders/api/admin/", "/orders/api/admin;x=1", "/orders/api//admin")) {
            HttpResponse<String> refused = person.get(edge(spelling));
            assertEquals(403, refused.statusCode(), spelling + " " + refused.body());
        }
        HttpResponse<String> write = person.postForm(edge("/orders/api/write/"), Map.of());
        assertEquals(403, write.statusCode(), write.body());
        assertEquals("insufficient_scope", Http.json(write).get("reason"));
        for (String climb : List.of("/orders/..;/inventory/api/stock/1", "/orders/api/%2e%2e/x",
                "/orders/api/x/..%2Fadmin")) {
            HttpResponse<String> refused = person.get(edge(climb));
            assertEquals(400, refused.statusCode(), climb + " " + refused.body());
            assertEquals("bad_target", Http.json(refused).get("reason"), climb);
        }
    }

    @Test
    @Order(4)
    void aClientSuppliedContextAtTheEdgeNeverReachesABackend() throws Exception {
        Http attacker = new Http();
        String forgedButValid = context("shop", Instant.now(), Duration.ofSeconds(60), Set.of());

        HttpResponse<String> anonymous = attacker.get(edge("/orders/api/me"), "X-User-Context", forgedButValid,
                "Accept", "application/json");
        assertEquals(401, anonymous.statusCode(), "the edge ignores it and wants a login");

        String token = serviceToken("edge:api");
        HttpResponse<String> withBearer = attacker.get(edge("/orders/api/me"), "Authorization", "Bearer " + token,
                "X-User-Context", forgedButValid);
        assertEquals(200, withBearer.statusCode());
        assertTrue(withBearer.body().contains("\"subject\":\"reporting-job\""), withBearer.body());
        assertFalse(withBearer.body().contains("mallory"));
    }

    @Test
    @Order(5)
    void logoutAtTheEdgeEndsTheSessionAtOnce() throws Exception {
        Http person = new Http();
        person.login(edge("/"), "bob", "{}");
        assertEquals(200, person.get(edge("/orders/api/me")).statusCode());

        HttpResponse<String> crossSite = person.postForm(edge("/logout"), Map.of(), "Origin", "http://evil.example");
        assertEquals(403, crossSite.statusCode());
        assertEquals(200, person.get(edge("/orders/api/me")).statusCode(), "another site cannot sign the user out");

        HttpResponse<String> logout = person.postForm(edge("/logout"), Map.of());
        assertEquals(303, logout.statusCode());
        URI endSession = Http.location(logout);
        assertTrue(endSession.toString().startsWith(issuer), endSession.toString());

        HttpResponse<String> after = person.get(edge("/orders/api/me"), "Accept", "application/json");
        assertEquals(401, after.statusCode());

        // The ID token travelled in the logout URL (browser history, provider and proxy logs): it opens nothing.
        String idToken = java.net.URLDecoder.decode(endSession.getRawQuery().replaceAll(".*id_token_hint=([^&]*).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> replayed = new Http().get(edge("/orders/api/me"), "Authorization", "Bearer " + idToken);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("wrong_type", Http.json(replayed).get("reason"));
    }

    @Test
    @Order(5)
    void backChannelLogoutFromTheProviderEndsTheSessionAtOnce() throws Exception {
        Http person = new Http();
        person.login(edge("/"), "frank", "{\"sid\":\"it-provider-session\"}");
        assertEquals(200, person.get(edge("/orders/api/me")).statusCode());

        // The provider's signed logout token for that provider session, posted to the edge as the provider would.
        String logoutToken = serviceToken("backchannel-logout");
        HttpResponse<String> logout = new Http().postForm(edge("/backchannel-logout"), Map.of("logout_token", logoutToken));
        assertEquals(200, logout.statusCode(), logout.body());

        HttpResponse<String> after = person.get(edge("/orders/api/me"), "Accept", "application/json");
        assertEquals(401, after.statusCode());
    }

    @Test
    @Order(6)
    void twoHundredCallsFromOrdersToInventoryCostOneTokenRequest() throws Exception {
        Http person = new Http();
        person.login(edge("/"), "carol", "{}");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = person.get(edge("/orders/api/stock/" + i));
            assertEquals(200, response.statusCode(), response.body());
        }
        assertEquals(1, tokenRequestsWith("scope=inventory%3Aread"),
                "orders' service token is requested once for the whole run");
    }

    @Test
    @Order(7)
    void everyPayaraListensOnLoopbackOnlyDataGridIncluded() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.readable(), "needs Linux's /proc");
        for (var server : List.of(system.edge(), system.orders(), system.inventory())) {
            assertEquals(List.of(), ListeningSockets.notOnLoopback(server.pid()), "listening beyond loopback");
        }
    }

    @Test
    @Order(7)
    void aWarStartedBesideTheDemoAsTheMigrationGuideSaysPassesItsOneCommandCheck() throws Exception {
        guide.startBackend(URI.create("http://127.0.0.1:" + guidePort + "/myapp/"), Duration.ofMinutes(4));
        String answer = guide.check();
        assertTrue(answer.contains("id=\"greeting\">reporting-job<"), "the WAR's page for the demo's API client: " + answer);
        if (ListeningSockets.readable()) {
            for (long pid : guide.serverPids()) {
                assertEquals(List.of(), ListeningSockets.notOnLoopback(pid), "the guide's server beyond loopback");
            }
        }
    }

    @Test
    @Order(8)
    void aWarThatOnlyCallsServicesDeploysWithoutTheBackendFilterAndGetsItsAnswer() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it"));
        Path war = dir.resolve("reporting.war");
        org.jboss.shrinkwrap.api.ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.WebArchive.class, "reporting.war")
                .addClass(io.github.edgeauth.it.reporting.ReportServlet.class)
                .addAsLibraries(Archives.clientJar(), Archives.coreJar())
                .addAsLibraries(Archives.nimbusJar())
                .as(org.jboss.shrinkwrap.api.exporter.ZipExporter.class).exportTo(war.toFile(), true);
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        String inventory = system.inventory().uri("/inventory/api").toString();
        try (var reporting = PayaraMicro.start("reporting", demo.resolve("payara-micro.jar"),
                war, "/reporting", Ports.free(), dir.resolve("run"), Map.of(
                        "EDGEAUTH_CLIENT_INVENTORY_ISSUER", issuer,
                        "EDGEAUTH_CLIENT_INVENTORY_CLIENT_ID", "orders-service",
                        "EDGEAUTH_CLIENT_INVENTORY_CLIENT_SECRET", "orders-secret",
                        "EDGEAUTH_CLIENT_INVENTORY_SCOPES", "inventory:read",
                        "EDGEAUTH_CLIENT_INVENTORY_AUDIENCE", "inventory",
                        "EDGEAUTH_CLIENT_INVENTORY_BASE_URLS", inventory,
                        "REPORTING_INVENTORY_URL", inventory + "/stock/9"), List.of())) {
            reporting.awaitReady("/reporting/report", Duration.ofMinutes(3));
            HttpResponse<String> report = new Http().get(reporting.uri("/reporting/report"));
            assertEquals(200, report.statusCode(), report.body());
            assertTrue(report.body().contains("\"clientId\":\"orders-service\""), report.body());
        }
    }

    @Test
    @Order(9)
    void aBackendsMetricsShowEdgeauthsNumbersByReasonAndClient() throws Exception {
        // Payara's MicroProfile Metrics at /metrics, as a scraper reads them; the earlier tests made the numbers.
        Http scraper = new Http();
        String orders = scraper.get(system.orders().uri("/metrics"), "Accept", "text/plain").body();
        assertTrue(metric(orders, "edgeauth_backend_rejections", "reason=\"bad_signature\"", "application=\"/orders\"") >= 1,
                orders);
        assertEquals(0, metric(orders, "edgeauth_backend_rejections", "reason=\"replayed\"", "application=\"/orders\""));
        assertTrue(metric(orders, "edgeauth_backend_context_cache_misses", "application=\"/orders\"") >= 1);
        assertTrue(metric(orders, "edgeauth_client_tokens_received", "client=\"") >= 1, "orders' service token");
    }

    @Test
    @Order(9)
    void theEdgesMetricsShowItsForwardsByRouteAndStatusAndItsRefusals() throws Exception {
        // The edge is at the root context, so Payara's /metrics servlet lives inside the edge's WAR: a scraper
        // reaches it because the edge lists it among its public paths, and sees the edge's own numbers.
        String edge = new Http().get(edge("/metrics"), "Accept", "text/plain").body();
        assertTrue(metric(edge, "edgeauth_edge_forwarded", "route=\"orders\"", "status=\"200\"") >= 1, edge);
        assertTrue(metric(edge, "edgeauth_edge_forwarding_millis_max", "route=\"orders\"", "status=\"200\"") > 0, edge);
        assertTrue(metric(edge, "edgeauth_edge_signin_rejections", "reason=\"cross_origin\"") >= 1, edge);
    }

    /** The value of the one metric line named {@code name} holding every one of {@code labels}; fails if none. */
    private static double metric(String exposition, String name, String... labels) {
        return exposition.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " with " + List.of(labels)));
    }

    @Test
    @Order(100)
    void withTheProviderDownSessionsAndServiceCallsGoOnAndANewLoginGetsThe503Page() throws Exception {
        Http person = new Http();
        person.login(edge("/"), "dave", "{}");
        assertEquals(200, person.get(edge("/orders/api/stock/1")).statusCode());

        provider.shutdown();

        assertEquals(200, person.get(edge("/orders/api/stock/2")).statusCode(), "the session and the service token live on");
        // The edge remembers the provider's health for 10 s: poll, with a deadline, until it notices.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        HttpResponse<String> newcomer;
        do {
            long start = System.nanoTime();
            newcomer = new Http().get(edge("/"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "answered, not hung");
            if (newcomer.statusCode() != 503) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            }
        } while (newcomer.statusCode() != 503 && System.nanoTime() < deadline);
        assertEquals(503, newcomer.statusCode());
        assertTrue(newcomer.body().contains("idp_unavailable"));
    }
}
