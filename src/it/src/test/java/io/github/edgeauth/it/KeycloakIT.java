package io.github.edgeauth.it;

import io.github.edgeauth.demo.DemoSystem;
import io.github.edgeauth.testkit.Browser;
import io.github.edgeauth.testkit.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system against a real Keycloak whose realm is made as a team makes it (opt-in: {@code ./mvnw verify
 * -Pkeycloak}): by {@code docs/keycloak/setup-realm.sh}, with exact redirect and post-logout URIs and
 * Keycloak's default mappers (roles only in the access token). The same edge and backends as {@link SystemIT},
 * configured by the same settings an admin sets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    static KeycloakServer keycloak;
    static DemoSystem system;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(System.getProperty("edgeauth.keycloak.home") != null,
                "Keycloak scenarios run with ./mvnw verify -Pkeycloak");
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("keycloak");
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        Files.createDirectories(dir);
        DemoSystem.Layout layout = DemoSystem.Layout.of(demo, dir.resolve("run"),
                Ports.free(), Ports.free(), Ports.free());
        keycloak = KeycloakServer.start(Path.of(System.getProperty("edgeauth.keycloak.home")), Ports.free(), dir)
                .awaitReady(Duration.ofMinutes(4))
                .setUpRealm("http://127.0.0.1:" + layout.edgePort(),
                        Path.of(System.getProperty("edgeauth.docs.dir", "../../docs"), "keycloak", "setup-realm.sh"));
        enableLoginEvents();
        // Keycloak keeps realm roles in realm_access.roles, in the access token only.
        system = DemoSystem.start(layout, keycloak.issuer(), Map.of("EDGEAUTH_EDGE_ROLE_CLAIM", "realm_access.roles"),
                Duration.ofMinutes(4));
    }

    /** So the test can count orders' token requests (an admin's setting, not part of the team's realm). */
    static void enableLoginEvents() throws Exception {
        HttpResponse<String> put = new Http().send("PUT", keycloak.uri("/admin/realms/" + KeycloakServer.REALM
                + "/events/config"), "{\"eventsEnabled\":true}", adminToken());
        assertEquals(204, put.statusCode(), put.body());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    static URI edge(String path) {
        return system.edge().uri(path);
    }

    /** Signs in at Keycloak's login form, as a person would without a browser. */
    static void login(Http person) throws Exception {
        HttpResponse<String> start = person.get(edge("/"));
        assertEquals(302, start.statusCode());
        HttpResponse<String> page = person.get(Http.location(start));
        Matcher action = FORM_ACTION.matcher(page.body());
        assertTrue(action.find(), "no login form at " + page.uri());
        // Keycloak marks its login cookies Secure; browsers send them to 127.0.0.1 over http, Java's cookie
        // store does not, so they are passed on by hand.
        String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0]).toList());
        HttpResponse<String> submitted = person.postForm(URI.create(action.group(1).replace("&amp;", "&")),
                Map.of("username", KeycloakServer.USER, "password", KeycloakServer.USER_PASSWORD), "Cookie", cookies);
        HttpResponse<String> callback = person.get(Http.location(submitted));
        assertEquals(302, callback.statusCode(), callback.body());
    }

    static String serviceToken(String clientId, String secret, String scope) throws Exception {
        HttpResponse<String> response = new Http().postForm(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"),
                Map.of("grant_type", "client_credentials", "scope", scope),
                "Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()));
        return (String) Http.json(response).get("access_token");
    }

    @Test
    @Order(1)
    void aPersonSignsInSeesHerRolesAtTheBackendsAndAfterSignOutKeycloakAsksForThePasswordAgain() throws Exception {
        ChromeDriver browser = Browser.start(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "chromium-kc"));
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(edge("/").toString());
            signInAtKeycloak(browser, wait);
            // Greeted by user name, not by Keycloak's UUID subject.
            wait.until(ExpectedConditions.textToBe(By.id("who"), KeycloakServer.USER));
            browser.findElement(By.id("call-chain")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("inventory-saw"), "orders-service"));
            String inventorySaw = browser.findElement(By.id("inventory-saw")).getText();
            assertTrue(inventorySaw.contains("alice@example.test"), inventorySaw);
            // The realm role, from the access token (Keycloak's default mappers), at the last backend of the chain.
            assertTrue(inventorySaw.contains("\"admin\""), inventorySaw);

            browser.findElement(By.id("logout")).click();
            // Keycloak accepted the post-logout URI, ended its session and sent the browser back to the edge,
            // which sends it to sign in again: Keycloak's form, not a silent sign-in.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertTrue(browser.getCurrentUrl().startsWith(keycloak.issuer()), browser.getCurrentUrl());
            signInAtKeycloak(browser, wait);
            wait.until(ExpectedConditions.textToBe(By.id("who"), KeycloakServer.USER));
        } finally {
            browser.quit();
        }
    }

    private static void signInAtKeycloak(ChromeDriver browser, WebDriverWait wait) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(KeycloakServer.USER);
        browser.findElement(By.id("password")).sendKeys(KeycloakServer.USER_PASSWORD);
        browser.findElement(By.id("kc-login")).click();
    }

    @Test
    @Order(2)
    void anApiClientWithAKeycloakTokenReachesBothBackendsAndWithoutOneGets401() throws Exception {
        Http api = new Http();
        String token = serviceToken("reporting-job", "reporting-secret", "edge:api");
        HttpResponse<String> response = api.get(edge("/orders/api/stock/3"), "Authorization", "Bearer " + token);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"clientId\":\"orders-service\""), response.body());
        assertEquals(401, api.get(edge("/orders/api/me"), "Accept", "application/json").statusCode());
    }

    @Test
    @Order(2)
    void keycloaksIdTokenIsNoApiTokenAtTheEdge() throws Exception {
        Http person = new Http();
        login(person);
        HttpResponse<String> logout = person.postForm(edge("/logout"), Map.of());
        String idToken = java.net.URLDecoder.decode(Http.location(logout).getRawQuery()
                .replaceAll(".*id_token_hint=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> replayed = new Http().get(edge("/orders/api/me"), "Authorization", "Bearer " + idToken);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("wrong_type", Http.json(replayed).get("reason"));
    }

    @Test
    @Order(3)
    void logoutAtTheEdgeEndsTheSessionAtOnceAndAtKeycloak() throws Exception {
        Http person = new Http();
        login(person);
        assertEquals(200, person.get(edge("/orders/api/me")).statusCode());
        HttpResponse<String> logout = person.postForm(edge("/logout"), Map.of());
        assertEquals(303, logout.statusCode());
        String endSession = Http.location(logout).toString();
        assertTrue(endSession.startsWith(keycloak.issuer() + "/protocol/openid-connect/logout"), endSession);
        assertTrue(endSession.contains("id_token_hint="), endSession);
        assertTrue(endSession.contains("client_id=edge"), endSession);
        assertTrue(endSession.contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(edge("/").toString(),
                java.nio.charset.StandardCharsets.UTF_8)), endSession);
        assertEquals(401, person.get(edge("/orders/api/me"), "Accept", "application/json").statusCode());
    }

    @Test
    @Order(4)
    void backChannelLogoutFromKeycloakEndsTheEdgeSessionAtOnce() throws Exception {
        // The realm script registered the edge's back-channel logout URL, as a team would.
        String admin = adminToken();
        Http person = new Http();
        login(person);
        assertEquals(200, person.get(edge("/orders/api/me")).statusCode());

        Map<String, Object> alice = first(get("/admin/realms/" + KeycloakServer.REALM + "/users?username=alice", admin));
        HttpResponse<String> logout = new Http().send("POST", keycloak.uri("/admin/realms/" + KeycloakServer.REALM
                + "/users/" + alice.get("id") + "/logout"), "", admin);
        assertEquals(204, logout.statusCode(), logout.body());

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int status = person.get(edge("/orders/api/me"), "Accept", "application/json").statusCode();
        while (status != 401 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200));
            status = person.get(edge("/orders/api/me"), "Accept", "application/json").statusCode();
        }
        assertEquals(401, status, "the edge session ended when Keycloak logged the user out");
    }

    static String adminToken() throws Exception {
        return (String) Http.json(new Http().postForm(keycloak.uri("/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakServer.ADMIN,
                        "password", KeycloakServer.ADMIN_PASSWORD))).get("access_token");
    }

    static HttpResponse<String> get(String path, String adminToken) throws Exception {
        return new Http().get(keycloak.uri(path), "Authorization", "Bearer " + adminToken);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(HttpResponse<String> listing) throws Exception {
        List<Object> items = com.nimbusds.jose.util.JSONArrayUtils.parse(listing.body());
        return (Map<String, Object>) items.get(0);
    }

    @Test
    @Order(5)
    void twoHundredCallsFromOrdersToInventoryCostOneTokenRequestAtKeycloak() throws Exception {
        Http person = new Http();
        login(person);
        for (int i = 0; i < 200; i++) {
            assertEquals(200, person.get(edge("/orders/api/stock/" + i)).statusCode());
        }
        String admin = adminToken();
        HttpResponse<String> events = new Http().get(keycloak.uri("/admin/realms/" + KeycloakServer.REALM
                + "/events?type=CLIENT_LOGIN&client=orders-service&max=1000"), "Authorization", "Bearer " + admin);
        assertEquals(200, events.statusCode(), events.body());
        List<?> grants = com.nimbusds.jose.util.JSONArrayUtils.parse(events.body());
        assertEquals(1, grants.size(), "orders asked Keycloak for one service token over the whole run");
    }
}
