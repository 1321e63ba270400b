package io.github.edgeauth.it;

import io.github.edgeauth.testkit.PayaraMicroServer;
import io.github.edgeauth.testkit.Browser;
import io.github.edgeauth.testkit.HaProxy;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a TLS-terminating proxy, a person can sign in. HAProxy ({@link HaProxy}) ends TLS for
 * {@code https://localhost:P} and forwards plain HTTP to the edge on Payara Micro, which runs as in production (not
 * development mode) with {@code edgeauth.edge.public-url=https://localhost:P}; Chromium trusts the proxy's
 * self-signed certificate and nothing else.
 *
 * <p>What it attacks: an edge that builds its URLs from the request it is given sees {@code http://localhost:P}
 * (the proxy's plain hop) and sends the provider {@code redirect_uri=http://localhost:P/callback}, which a provider
 * matching registered URIs refuses and which the browser would follow in plain HTTP to a TLS port; it would send the
 * person back to an http page after sign-in, and a session cookie without {@code Secure} would go out on plain
 * HTTP. It proves the provider is sent {@code https://localhost:P/callback}, the person lands signed in on the page
 * they asked for at {@code https://localhost:P}, and the session cookie is {@code Secure}.
 */
class TlsFrontDoorIT {
    /** The edge's own session cookie on https; the container's ({@code EDGEAUTH_SESSION} in the edge WAR) is never made. */
    static final String SESSION_COOKIE = "__Host-edgeauth-session";
    static Path dir;
    static MockOAuth2Server provider;
    static String providerBase;
    static PayaraMicroServer server;
    static HaProxy proxy;
    static String publicUrl;

    @BeforeAll
    static void startTheEdgeBehindTheProxy() throws Exception {
        HaProxy.assumeInstalled();
        dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("tls-front-door").toAbsolutePath();
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir")).toAbsolutePath();
        TestJwks.publish(); // orders verifies the edge's contexts with the test-only key
        provider = MockProvider.inThisJvm(0);
        providerBase = "http://127.0.0.1:" + provider.baseUrl().port();
        String issuer = providerBase + "/default";
        int edgePort = Ports.free();
        int proxyPort = Ports.free();
        publicUrl = "https://localhost:" + proxyPort;

        // As in production: not development mode, the test-only signing key, the URL browsers use.
        List<String> settings = new ArrayList<>(ServerSettings.samples(issuer, edgePort));
        for (String setting : ServerSettings.edge(issuer, "orders", "http://127.0.0.1:" + edgePort + "/orders/api")) {
            settings.add(setting.startsWith("-Dedgeauth.edge.development=") ? "-Dedgeauth.edge.development=false" : setting);
        }
        settings.add("-Dedgeauth.edge.public-url=" + publicUrl);
        server = PayaraMicroServer.start(dir.resolve("server"), edgePort, settings);
        server.deploy("orders", "/orders", demo.resolve("orders-war.war"));
        server.deploy("edge", "/", demo.resolve("edge-war.war"));

        proxy = HaProxy.start(dir.resolve("haproxy"), proxyPort, edgePort, Duration.ofSeconds(30));
        awaitLoginRedirectThroughTheProxy(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void aPersonSignsInThroughTheTlsProxyAndStaysOnItsHttpsOrigin() throws Exception {
        String page = publicUrl + "/api/orders/me";
        ChromeDriver browser = Browser.start(dir.resolve("chromium"),
                List.of("--ignore-certificate-errors-spki-list=" + proxy.publicKeyHash()));
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(page);
            WebElement username = wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
            String authorize = browser.getCurrentUrl(); // the provider's login form, at the URL the edge sent us to
            username.sendKeys("rita");
            WebElement claims = browser.findElement(By.name("claims"));
            claims.clear();
            claims.sendKeys("{}");
            claims.submit();
            // Until the browser has left the provider: on the edge's page, or on an error page if it went astray.
            wait.until(driver -> !driver.getCurrentUrl().startsWith(providerBase)
                    && !driver.findElements(By.tagName("body")).isEmpty());

            assertEquals(publicUrl + "/callback", queryParameter(authorize, "redirect_uri"),
                    "the redirect_uri the edge sent the provider (" + authorize + ")");
            assertEquals(page, browser.getCurrentUrl(), "where the person landed after signing in");
            String body = browser.findElement(By.tagName("body")).getText();
            assertTrue(body.contains("\"subject\":\"rita\""), "orders, through the edge, did not see rita: " + body);
            Cookie session = browser.manage().getCookieNamed(SESSION_COOKIE);
            assertNotNull(session, "no " + SESSION_COOKIE + " cookie in " + browser.manage().getCookies());
            assertTrue(session.isSecure(), "the edge's session cookie is not Secure: " + session);
            assertTrue(session.isHttpOnly(), "the edge's session cookie is readable by scripts: " + session);
            assertEquals(null, browser.manage().getCookieNamed("EDGEAUTH_SESSION"), "a container session was made");
        } finally {
            browser.quit();
        }
    }

    /**
     * Polls the edge through the proxy until it sends a page navigation to the provider: the whole path is up, and
     * the edge's first look at the provider is behind it (a cold one may time out and show a "try again" page).
     */
    private static void awaitLoginRedirectThroughTheProxy(Duration deadline) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(proxy.trustingItsCertificate()).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest navigation = HttpRequest.newBuilder(URI.create(publicUrl + "/")).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html").build();
        long end = System.nanoTime() + deadline.toNanos();
        int status = 0;
        while (System.nanoTime() < end) {
            HttpResponse<Void> answer = http.send(navigation, HttpResponse.BodyHandlers.discarding());
            status = answer.statusCode();
            if (status == 302 && answer.headers().firstValue("Location").orElse("").startsWith(providerBase)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos()); // polling, with a deadline
        }
        throw new IllegalStateException("the edge, through the proxy, did not send a browser to the provider within "
                + deadline + " (last status " + status + "); see " + dir);
    }

    private static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        return Arrays.stream(query == null ? new String[0] : query.split("&"))
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }
}
