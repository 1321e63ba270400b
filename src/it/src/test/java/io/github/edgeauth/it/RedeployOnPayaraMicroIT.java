package io.github.edgeauth.it;

import io.github.edgeauth.testkit.PayaraMicroServer;
import io.github.edgeauth.testkit.LeakCheck;
import io.github.edgeauth.testkit.ServerJvm;
import io.github.edgeauth.it.reporting.ReportServlet;
import io.github.edgeauth.testkit.Browser;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deploys into and undeploys from a running Payara Micro ({@link PayaraMicroServer}), configured by system
 * properties as an admin would: a WAR with the filter and the client feature 20 times, the edge WAR after a
 * browser sign-in, and (on a server of its own, configured as the demo's) the orders sample with its
 * MicroProfile Rest Client 10 times. Afterwards no thread of edgeauth or of the JDK HTTP clients it makes is
 * left, and in a heap dump of the server (the JDK's {@code jcmd}, searched with shark) nothing holds an
 * undeployed copy of their classes strongly: a {@link LeakCheck}, which first sees the class held while the (last)
 * WAR is still deployed.
 */
class RedeployOnPayaraMicroIT {
    private static final int ROUNDS = 20;
    private static final String FEATURE = "io.github.edgeauth.client.ServiceTokenFeature";
    private static final String EDGE = "io.github.edgeauth.edge.internal.forwarding.ForwardingServlet";

    static Path dir;
    static MockOAuth2Server provider;
    static PayaraMicroServer server;

    @BeforeAll
    static void start() throws Exception {
        TestJwks.publish(); // the backends' key source: the edge signs with the test-only key, as do the tests
        provider = MockProvider.inThisJvm(0);
        dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("payara-redeploy").toAbsolutePath();
        Files.createDirectories(dir);
        int port = Ports.free();
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        List<String> settings = new ArrayList<>(List.of(
                "-Dedgeauth.context.jwks-url=http://127.0.0.1:" + Integer.getInteger("edgeauth.it.jwks-port") + "/jwks.json",
                "-Dedgeauth.client.inventory.token-endpoint=" + issuer + "/token",
                "-Dedgeauth.client.inventory.client-id=reporting",
                "-Dedgeauth.client.inventory.client-secret=reporting-secret",
                "-Dedgeauth.client.inventory.base-urls=" + issuer + "/",
                "-Dreporting.inventory.url=" + issuer + "/userinfo"));
        settings.addAll(ServerSettings.edge(issuer, "legacy", "http://127.0.0.1:" + port + "/legacy/api"));
        server = PayaraMicroServer.start(dir, port, settings);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    /**
     * The server is the Payara Micro and the Java the build named ({@code -Dit.server=payara7}: 7.2026.11 on Java 21
     * or newer): read from the running process and from the jar it runs, so a profile that silently fell back to
     * the default server would fail here.
     */
    @Test
    void runsOnThePayaraMicroAndJavaTheBuildNamed() throws Exception {
        ProcessHandle.Info process = ProcessHandle.of(server.pid()).orElseThrow().info();
        Path jar = Path.of(System.getProperty("payara.microJar")).toAbsolutePath();
        List<String> arguments = process.arguments().map(List::of).orElse(List.of());
        assertTrue(arguments.stream().anyMatch(arg -> arg.contains(jar.toString())), "the server runs " + jar);
        try (JarFile payara = new JarFile(jar.toFile())) {
            Properties pom = new Properties();
            pom.load(payara.getInputStream(payara.getEntry("META-INF/maven/fish.payara.server.internal.extras/payara-micro-boot/pom.properties")));
            assertEquals(System.getProperty("edgeauth.payara.version"), pom.getProperty("version"));
        }
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), process.command().orElse(""));
        assertTrue(Runtime.version().feature() >= Integer.getInteger("edgeauth.java.min"),
                "Java " + Runtime.version() + " runs the server");
    }

    /** Each round's client fetches a real token from mock-oauth2-server and calls the provider's userinfo with it. */
    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheirClasses() throws Exception {
        Path war = dir.resolve("redeployed.war");
        Archives.backendWar("redeployed.war", getClass().getResource("/redeploy/web.xml"), ReportServlet.class)
                .addAsLibraries(Archives.clientJar()).as(ZipExporter.class).exportTo(war.toFile(), true);
        List<String> before = ServerJvm.edgeauthThreads(server.pid()); // what earlier tests on this server left
        // HTTP/1.1: Payara answers 431 to plain requests after the JDK client's h2c upgrade (FIELD-NOTES).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI report = server.uri("/redeployed/report");
        LeakCheck feature = null;
        for (int round = 1; round <= ROUNDS; round++) {
            server.deploy("redeployed", "/redeployed", war);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(report)
                    .header("X-User-Context", TestContexts.context("rita", Set.of())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "round " + round + ": " + page.body());
            if (round == ROUNDS) {
                feature = LeakCheck.classSeenWhileDeployed(server.pid(), dir.resolve("redeploys.hprof"), FEATURE, List.of());
            }
            server.undeploy("redeployed");
        }

        feature.afterUndeploy(List.of());
        assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(server.pid(), before), "threads left by the undeployed WARs");
    }

    /**
     * The orders and inventory samples as built, configured as the demo configures them: each round deploys
     * orders, whose application-scoped Rest Client gets a service token and calls inventory (on the same
     * server) with it and the caller's context.
     */
    @Test
    void theOrdersSampleWithItsRestClientRedeploysTenTimes() throws Exception {
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir")).toAbsolutePath();
        int port = Ports.free();
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        try (PayaraMicroServer samples = PayaraMicroServer.start(dir.resolve("samples"), port,
                ServerSettings.samples(issuer, port))) {
            samples.deploy("inventory", "/inventory", demo.resolve("inventory-war.war"));
            List<String> before = ServerJvm.edgeauthThreads(samples.pid());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            LeakCheck feature = null;
            for (int round = 1; round <= 10; round++) {
                samples.deploy("orders", "/orders", demo.resolve("orders-war.war"));
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(samples.uri("/orders/api/stock/42"))
                        .header("X-User-Context", TestContexts.context("rita", Set.of())).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), "round " + round + ": " + page.body());
                // inventory saw rita, called by orders with its service token
                assertTrue(page.body().contains("\"user\":{\"subject\":\"rita\""), page.body());
                assertTrue(page.body().contains("\"clientId\":\"orders-service\""), page.body());
                if (round == 10) {
                    feature = LeakCheck.classSeenWhileDeployed(samples.pid(), dir.resolve("orders.hprof"), FEATURE, List.of());
                }
                samples.undeploy("orders");
            }

            feature.afterUndeploy(List.of());
            assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(samples.pid(), before), "threads left by orders");
        }
    }

    /** The edge WAR the build made, unchanged, at the root; the legacy WAR next to it. */
    @Test
    void anUndeployedEdgeLeavesNoThreadAndNothingHoldingIt() throws Exception {
        Path legacy = dir.resolve("legacy.war");
        Archives.legacyWar().as(ZipExporter.class).exportTo(legacy.toFile(), true);
        Path edge = Path.of(System.getProperty("edgeauth.demo.dir"), "edge-war.war").toAbsolutePath();
        List<String> before = ServerJvm.edgeauthThreads(server.pid());
        server.deploy("legacy", "/legacy", legacy);
        server.deploy("edge", "/", edge);
        String page;
        LeakCheck edgeCheck;
        try {
            page = Browser.legacyPageThroughTheEdge(dir.resolve("chromium"), server.uri("").toString(), "wanda");
            edgeCheck = LeakCheck.classSeenWhileDeployed(server.pid(), dir.resolve("edge.hprof"), EDGE, List.of());
        } finally {
            server.undeploy("edge");
            server.undeploy("legacy");
        }
        assertTrue(page.contains("injected=wanda"), page);
        assertTrue(page.contains("admin=true"), page);

        edgeCheck.afterUndeploy(List.of());
        assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(server.pid(), before), "threads left by the undeployed edge");
    }
}
