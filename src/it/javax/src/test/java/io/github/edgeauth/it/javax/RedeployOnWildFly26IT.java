package io.github.edgeauth.it.javax;

import io.github.edgeauth.it.javax.app.WarmupServlet;
import io.github.edgeauth.testkit.LeakCheck;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.ServerJvm;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java EE 8 WAR deployed and undeployed 20 times on one WildFly 26, each round a call with a service token from
 * the client feature: afterwards no thread of edgeauth or of the JDK HTTP clients it makes is left, and in a heap
 * dump of the server nothing holds an undeployed copy of the feature's classes strongly ({@link LeakCheck}, which
 * first sees the last round's copy held while it is deployed). WildFly's request threads keep a request, and its
 * application, for their life (docs/servers.md): they are left out, as on WildFly 39.
 */
class RedeployOnWildFly26IT {
    private static final String REQUEST_THREADS = "default task-";

    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheClientsClasses() throws Exception {
        MockOAuth2Server provider = MockProvider.inThisJvm(0);
        Path dir = Files.createDirectories(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "wildfly26-redeploy")
                .toAbsolutePath());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (WildFly26 server = WildFly26.forReports(dir, provider, "/redeployed")) {
            // WildFly 26's Elytron keeps the first application that builds a JAX-RS client, whichever it is (its
            // provider supplier holds that application's access control context in a static field): a WAR without
            // edgeauth does that first, and stays deployed.
            server.deploy("warmup", ExplodedWar.plain(dir, "warmup", List.of(WarmupServlet.class)));
            HttpResponse<String> warm = http.send(HttpRequest.newBuilder(server.uri("/warmup/warmup")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(warm.body().startsWith("answered"), warm.statusCode() + " " + warm.body());

            long pid = server.pid();
            List<String> before = ServerJvm.edgeauthThreads(pid);
            LeakCheck feature = RedeployRounds.run(dir, pid, new RedeployRounds.Deployments() {
                @Override
                public void deploy(Path war) throws Exception {
                    server.deploy("redeployed", war);
                }

                @Override
                public void undeploy() throws Exception {
                    server.undeploy("redeployed");
                }
            }, server::uri, () -> ServerJvm.threads(pid, REQUEST_THREADS));
            feature.afterUndeploy(ServerJvm.threads(pid, REQUEST_THREADS));
            assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(pid, before), "threads left by the undeployed WARs");
        } finally {
            provider.shutdown();
        }
    }
}
