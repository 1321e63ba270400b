package io.github.edgeauth.it;

import com.sun.net.httpserver.HttpServer;
import io.github.edgeauth.it.reporting.ReportServlet;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undeploys and redeploys a WAR with the filter and the client feature 20 times on one WildFly, the
 * client making a real token request and call each time: no thread of edgeauth or of the JDK HTTP clients
 * it makes outlives its application, and loaded classes stay flat (growth over 15 rounds well under what one
 * deployment loads, which must first be seen to come and go). WildFly's own thread pools grow and shrink on their
 * own, so threads are checked by name.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployOnWildFlyIT {
    private static final int ROUNDS = 20;
    /**
     * The positive control: the classes one deployment loads and its undeploy unloads are at least this many (1650
     * on WildFly 39: the filter, core, nimbus and client classes, and WildFly's own per deployment), or the count
     * could not see a deployment leak.
     */
    private static final int ONE_DEPLOYMENT_AT_LEAST = 500;
    private static final AtomicInteger TOKENS = new AtomicInteger();
    private static final HttpServer PROVIDER = provider();

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    ManagementClient management;

    @Deployment(name = "reporting", managed = false, testable = false)
    @TargetsContainer("backend")
    static WebArchive reporting() throws URISyntaxException {
        String provider = "http://127.0.0.1:" + PROVIDER.getAddress().getPort();
        return Archives.backendWar("reporting.war", RedeployOnWildFlyIT.class.getResource("/redeploy/web.xml"), ReportServlet.class)
                .addAsLibraries(Archives.clientJar())
                .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(String.join("\n",
                        "edgeauth.client.inventory.token-endpoint=" + provider + "/token",
                        "edgeauth.client.inventory.client-id=reporting",
                        "edgeauth.client.inventory.client-secret=reporting-secret",
                        "edgeauth.client.inventory.base-urls=" + provider + "/inventory")), "META-INF/microprofile-config.properties");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop(0);
    }

    @Test
    void twentyRedeploysLeaveNoThreadAndNoClassesBehind() throws Exception {
        WildFlyManagement.systemProperty(management, "reporting.inventory.url", "http://127.0.0.1:" + PROVIDER.getAddress().getPort() + "/inventory/items");
        List<String> before = WildFlyManagement.liveThreads(management, "edgeauth", "HttpClient-"); // what earlier tests on this server left
        int[] afterFive = null;
        int oneDeployment = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            deployer.deploy("reporting");
            HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger("edgeauth.arquillian.port")
                            + "/reporting/report")).header("X-User-Context", TestContexts.context("rita", Set.of()))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            int deployed = round == 5 ? WildFlyManagement.counts(management)[0] : 0;
            deployer.undeploy("reporting");
            if (round == 5) {
                afterFive = WildFlyManagement.settled(management);
                oneDeployment = deployed - afterFive[0];
                assertTrue(oneDeployment >= ONE_DEPLOYMENT_AT_LEAST, "the class count cannot see a deployment: undeploying"
                        + " one unloads " + oneDeployment + " classes, fewer than " + ONE_DEPLOYMENT_AT_LEAST
                        + " (a blind count, or classes never unloaded)");
            }
        }
        int[] afterTwenty = WildFlyManagement.settled(management);
        assertEquals(ROUNDS, TOKENS.get(), "each deployment fetched its own token");
        System.out.printf("edgeauth redeploy: one deployment loads %d classes; after 5 rounds %d classes, %d threads;"
                + " after %d rounds %d classes, %d threads%n", oneDeployment, afterFive[0], afterFive[1], ROUNDS,
                afterTwenty[0], afterTwenty[1]);
        List<String> left = WildFlyManagement.liveThreads(management, "edgeauth", "HttpClient-");
        before.forEach(left::remove); // one each: several threads share a name (edgeauth-token-refresh)
        assertEquals(List.of(), left, "threads left by the undeployed WARs");
        int grown = afterTwenty[0] - afterFive[0];
        assertTrue(grown < oneDeployment / 4, "loaded classes grew by " + grown + " over " + (ROUNDS - 5)
                + " redeploys; one deployment loads " + oneDeployment);
    }

    /** The provider's token endpoint and the downstream service, on loopback in this JVM. */
    private static HttpServer provider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/token", exchange -> {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, 200, "{\"access_token\":\"token-" + TOKENS.incrementAndGet()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
            });
            server.createContext("/inventory", exchange -> respond(exchange,
                    exchange.getRequestHeaders().getFirst("Authorization") == null ? 401 : 200, "{}"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
