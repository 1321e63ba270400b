package io.github.edgeauth.it;

import io.github.edgeauth.testkit.LeakCheck;
import io.github.edgeauth.testkit.ServerJvm;
import io.github.edgeauth.testkit.Browser;
import io.github.edgeauth.testkit.MockProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
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

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge WAR, unchanged, on WildFly: a person signs in with a browser (pac4j, code flow with PKCE, against
 * mock-oauth2-server), gets an edge session, and the edge forwards to a legacy backend WAR on the same
 * server, which sees the person. The edge is configured by system properties, as an admin would set them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EdgeOnWildFlyIT {
    private static final MockOAuth2Server PROVIDER = MockProvider.inThisJvm(0);
    private static final CutOffBackend CUT_OFF = startCutOffBackend();
    private static final String EDGE = "io.github.edgeauth.edge.internal.forwarding.ForwardingServlet";
    private static final String REQUEST_THREADS = "default task-";

    @ArquillianResource
    Deployer deployer;

    private static CutOffBackend startCutOffBackend() {
        try {
            return CutOffBackend.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ArquillianResource
    ManagementClient management;

    @Deployment(name = "legacy")
    @TargetsContainer("backend")
    static WebArchive legacyBackend() throws URISyntaxException {
        return Archives.legacyWar();
    }

    /** The edge WAR the build made, deployed at the server's root (after docs/wildfly/configure-edge.cli). */
    @Deployment(name = "edge", managed = false, testable = false)
    @TargetsContainer("backend")
    static WebArchive edge() {
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(Archives.edgeWar());
    }

    @AfterAll
    static void stopProvider() throws java.io.IOException {
        PROVIDER.shutdown();
        CUT_OFF.close();
    }

    @Test
    void aPersonSignsInAtTheEdgeOnWildFlyAndTheBackendSeesThem() throws Exception {
        int port = Integer.getInteger("edgeauth.arquillian.port");
        String edge = "http://127.0.0.1:" + port;
        Map<String, String> settings = Map.of(
                "edgeauth.edge.issuer", "http://127.0.0.1:" + PROVIDER.baseUrl().port() + "/default",
                "edgeauth.edge.client-id", "edge",
                "edgeauth.edge.client-secret", "edge-secret",
                "edgeauth.edge.signing-key", System.getProperty("edgeauth.it.resources") + "/test-only-signing-key.pem",
                "edgeauth.edge.development", "true",
                "edgeauth.edge.route.legacy", edge + "/legacy/api",
                // On the same server as the edge: at its own path WildFly would hand requests to it directly.
                "edgeauth.edge.mount.legacy", "/api/legacy",
                // A backend whose answers break off (BackendCutOffIT has the same on Payara).
                "edgeauth.edge.route.cut", CUT_OFF.url() + "/cut",
                "edgeauth.edge.public-paths", "/cut/*");
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            WildFlyManagement.systemProperty(management, setting.getKey(), setting.getValue());
        }
        TestJwks.publish(); // the backend's key source: the edge signs with the test-only key
        long server = WildFlyManagement.pid(management);
        List<String> before = ServerJvm.edgeauthThreads(server); // what earlier tests on this server left
        deployer.deploy("edge");
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it"));
        String page;
        LeakCheck edgeCheck;
        Duration undeploying;
        try {
            page = Browser.legacyPageThroughTheEdge(dir.resolve("chromium-wildfly"), edge, "wanda");
            // Undertow, as Grizzly, ends an answer as whole when the servlet throws: the edge breaks it off itself.
            String cutOff = CUT_OFF.answer(port, "/cut/chunked", "");
            assertTrue(cutOff.startsWith("HTTP/1.1 200") && cutOff.contains("part 1") && !cutOff.endsWith("0\r\n\r\n"),
                    "a cut-off answer passed on as whole: " + cutOff);
            edgeCheck = LeakCheck.classSeenWhileDeployed(server, dir.resolve("wildfly-edge.hprof"), EDGE,
                    WildFlyManagement.liveThreads(management, REQUEST_THREADS));
        } finally {
            long start = System.nanoTime();
            deployer.undeploy("edge");
            undeploying = Duration.ofNanos(System.nanoTime() - start);
        }
        assertTrue(page.contains("injected=wanda"), page);
        assertTrue(page.contains("principal=wanda"), page);
        assertTrue(page.contains("admin=true"), page);
        // A sign-in renews the session: pac4j's way (invalidate, then a new session in the same request) left
        // WildFly's distributable session manager waiting its full minute for a session at every undeploy.
        assertTrue(undeploying.compareTo(Duration.ofSeconds(30)) < 0, "undeploying the edge took " + undeploying);

        // Nothing of edgeauth holds the edge once it is gone. WildFly still does for a while: a request thread
        // started for one of the edge's requests keeps that request, and with it the edge, in a local variable
        // for as long as the thread lives (jboss-threads' EnhancedQueueExecutor$ThreadBody.run). The edge's own
        // HTTP client threads end all the same: closing a client lets go of it. The request threads are left out
        // of the control too, which still saw the deployed edge held.
        edgeCheck.afterUndeploy(WildFlyManagement.liveThreads(management, REQUEST_THREADS));
        assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(server, before), "threads left by the undeployed edge");
    }
}
