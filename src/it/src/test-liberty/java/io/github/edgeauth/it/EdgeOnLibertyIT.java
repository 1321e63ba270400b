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
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge WAR, unchanged, on Open Liberty, which deploys it at the server's root as its own descriptor says:
 * a person signs in with a browser (pac4j, code flow with PKCE, against mock-oauth2-server), gets an edge
 * session, and the edge forwards to a legacy backend WAR on the same server, which sees the person. The edge
 * is configured by JVM system properties (src/test/resources/arquillian-liberty.xml), as an admin would set
 * them in the server's {@code jvm.options}. Once the edge is undeployed, no thread of it is left and nothing holds
 * it strongly (a {@link LeakCheck}: heap dumps of the server, searched with shark, the first while it is deployed).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EdgeOnLibertyIT {
    private static final MockOAuth2Server PROVIDER = MockProvider.inThisJvm(Integer.getInteger("edgeauth.it.provider-port"));
    private static final String EDGE = "io.github.edgeauth.edge.internal.forwarding.ForwardingServlet";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "legacy", managed = false, testable = false)
    @TargetsContainer("backend")
    static WebArchive legacyBackend() throws URISyntaxException {
        return Archives.legacyWar();
    }

    /** The edge WAR the build made, unchanged: its {@code WEB-INF/ibm-web-ext.xml} puts it at Liberty's root. */
    @Deployment(name = "edge", managed = false, testable = false)
    @TargetsContainer("backend")
    static WebArchive edge() {
        return Archives.edgeWar();
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Test
    void aPersonSignsInAtTheEdgeOnLibertyAndTheBackendSeesThem() throws Exception {
        String edge = "http://127.0.0.1:" + Integer.getInteger("edgeauth.arquillian.port");
        TestJwks.publish(); // the backend's key source: the edge signs with the test-only key
        long server = ServerJvm.pidOf("/ws-server.jar edgeauth"); // the "backend" server of arquillian-liberty.xml
        List<String> before = ServerJvm.edgeauthThreads(server); // what earlier tests on this server left
        deployer.deploy("legacy");
        deployer.deploy("edge");
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it"));
        String page;
        LeakCheck edgeCheck;
        try {
            page = Browser.legacyPageThroughTheEdge(dir.resolve("chromium-liberty"), edge, "lena");
            edgeCheck = LeakCheck.classSeenWhileDeployed(server, dir.resolve("liberty-edge.hprof"), EDGE, List.of());
        } finally {
            deployer.undeploy("edge");
            deployer.undeploy("legacy");
        }
        assertTrue(page.contains("injected=lena"), page);
        assertTrue(page.contains("principal=lena"), page);
        assertTrue(page.contains("admin=true"), page);

        // Once undeployed, nothing holds the edge but soft or weak references, and no thread of either WAR is left.
        edgeCheck.afterUndeploy(List.of());
        assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(server, before), "threads left by the undeployed WARs");
    }
}
