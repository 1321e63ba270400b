package io.github.edgeauth.it;

import io.github.edgeauth.testkit.LeakCheck;
import io.github.edgeauth.testkit.ServerJvm;
import io.github.edgeauth.it.reporting.ReportServlet;
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

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Undeploys and redeploys a WAR with the filter and the client feature 20 times on one Open Liberty, the
 * client fetching a real token (from mock-oauth2-server) and calling with it each time: no thread of edgeauth
 * or of the JDK HTTP clients it makes outlives its application, and nothing holds any of the undeployed
 * copies of its classes but soft or weak references (Liberty's caches keep them until the memory is needed).
 * Read from the server's JVM with the JDK's {@code jcmd}: a {@link LeakCheck}, which first sees the class held
 * while the last round is still deployed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployOnLibertyIT {
    private static final int ROUNDS = 20;
    private static final String FEATURE = "io.github.edgeauth.client.ServiceTokenFeature";
    private static final MockOAuth2Server PROVIDER = MockProvider.inThisJvm(Integer.getInteger("edgeauth.it.provider-port"));

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "redeployed", managed = false, testable = false)
    @TargetsContainer("backend")
    static WebArchive redeployed() throws URISyntaxException {
        return Archives.backendWar("redeployed.war", RedeployOnLibertyIT.class.getResource("/redeploy/web.xml"),
                ReportServlet.class).addAsLibraries(Archives.clientJar());
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheirClasses() throws Exception {
        TestJwks.publish(); // the WAR's own filter verifies the caller's context
        int port = Integer.getInteger("edgeauth.arquillian.port");
        long server = ServerJvm.pidOf("/ws-server.jar edgeauth"); // the "backend" server of arquillian-liberty.xml
        List<String> before = ServerJvm.edgeauthThreads(server); // what earlier tests on this server left
        URI report = URI.create("http://127.0.0.1:" + port + "/redeployed/report");
        HttpClient http = HttpClient.newHttpClient();
        LeakCheck feature = null;
        for (int round = 1; round <= ROUNDS; round++) {
            deployer.deploy("redeployed");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(report)
                    .header("X-User-Context", TestContexts.context("rita", Set.of())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "round " + round + ": " + page.body());
            if (round == ROUNDS) {
                feature = LeakCheck.classSeenWhileDeployed(server, Path.of(System.getProperty("edgeauth.it.dir", "target/it"),
                        "liberty-redeploys.hprof"), FEATURE, List.of());
            }
            deployer.undeploy("redeployed");
        }
        feature.afterUndeploy(List.of());
        assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(server, before), "threads left by the undeployed WARs");
    }
}
