package io.github.edgeauth.it;

import io.github.edgeauth.testkit.PayaraMicroServer;
import io.github.edgeauth.testkit.Browser;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing the tests and the demo start reaches beyond this machine. Under {@code strace} from their first
 * instruction: a Payara Micro started the way the demo, the tests and the benchmarks start it
 * ({@code PayaraMicro.LoopbackLaunch}), serving the edge WAR and the orders and inventory samples as the demo
 * configures them, and headless Chromium started the way the browser tests start it ({@link Browser}). A person
 * signs in at the edge and opens orders' page, for which orders gets a service token from mock-oauth2-server and
 * calls inventory. Every TCP connection either of them opened, and every UDP datagram either sent, went to
 * 127.0.0.0/8 or ::1. Where they listen is checked by {@code SystemIT}.
 */
class LoopbackOnlyIT {

    @Test
    void theServerAndTheBrowserReachNothingButLoopbackThroughASignIn() throws Exception {
        NetworkTrace.assumeInstalled();
        TestJwks.publish(); // the backends' key source; the edge signs with the test-only key
        MockOAuth2Server provider = MockProvider.inThisJvm(0);
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("loopback-only").toAbsolutePath();
        Files.createDirectories(dir);
        Path serverTrace = dir.resolve("payara-micro.trace");
        Path browserTrace = dir.resolve("chromium.trace");
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir")).toAbsolutePath();
        int port = Ports.free();
        int providerPort = provider.baseUrl().port();
        String issuer = "http://127.0.0.1:" + providerPort + "/default";
        List<String> settings = new ArrayList<>(ServerSettings.samples(issuer, port));
        settings.addAll(ServerSettings.edge(issuer, "orders", "http://127.0.0.1:" + port + "/orders/api"));
        String page;
        try (PayaraMicroServer server = PayaraMicroServer.start(dir.resolve("server"), port, settings,
                NetworkTrace.runner(serverTrace))) {
            server.deploy("inventory", "/inventory", demo.resolve("inventory-war.war"));
            server.deploy("orders", "/orders", demo.resolve("orders-war.war"));
            server.deploy("edge", "/", demo.resolve("edge-war.war"));
            // Until the edge sends a browser to the provider: its first look at the provider may time out while
            // this JVM and the traced server are still cold, and the edge then shows its "try again" page.
            server.awaitAnswer("/", status -> status / 100 == 3, Duration.ofMinutes(1));
            ChromeDriver browser = Browser.start(dir.resolve("chromium"), tracedChromium(dir, browserTrace));
            try {
                Browser.signInAtTheMockProvider(browser, server.uri("/").toString(), "rita", "{}");
                browser.get(server.uri("/api/orders/stock/42").toString());
                page = browser.findElement(By.tagName("body")).getText();
            } finally {
                browser.quit();
            }
        } finally {
            provider.shutdown();
        }
        // inventory saw rita, called by orders with its service token
        assertTrue(page.contains("\"clientId\":\"orders-service\"") && page.contains("\"subject\":\"rita\""), page);

        List<NetworkTrace.Contact> fromServer = NetworkTrace.contacts(serverTrace);
        List<NetworkTrace.Contact> fromBrowser = NetworkTrace.contacts(browserTrace);
        // The traces saw the calls the test made them make: a token request, the browser at the edge.
        assertTrue(fromServer.stream().anyMatch(c -> c.port() == providerPort && c.onLoopback()),
                "no connection to the provider in " + serverTrace + ": is the trace working?");
        assertTrue(fromBrowser.stream().anyMatch(c -> c.port() == port && c.onLoopback()),
                "no connection to the edge in " + browserTrace + ": is the trace working?");
        assertEquals(List.of(), fromServer.stream().filter(c -> !c.onLoopback()).toList(),
                "Payara Micro reached beyond loopback; see " + serverTrace);
        assertEquals(List.of(), fromBrowser.stream().filter(c -> !c.onLoopback()).toList(),
                "Chromium reached beyond loopback; see " + browserTrace);
    }

    /** A script that runs Chromium, with the arguments the driver gives it, traced into {@code trace}. */
    private static Path tracedChromium(Path dir, Path trace) throws java.io.IOException {
        Path script = dir.resolve("traced-chromium.sh");
        List<String> command = new ArrayList<>(NetworkTrace.runner(trace));
        command.add(Browser.CHROMIUM.toString());
        Files.writeString(script, "#!/bin/sh\nexec " + String.join(" ", command) + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
