package io.github.edgeauth.it.javax;

import io.github.edgeauth.it.javax.app.AuditBean;
import io.github.edgeauth.it.javax.app.ReportServlet;
import io.github.edgeauth.it.javax.app.SecureServlet;
import io.github.edgeauth.it.javax.app.WhoAmIServlet;
import io.github.edgeauth.testkit.LeakCheck;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The redeploy check's rounds on a Java EE 8 server: the secured WAR deployed at {@code /redeployed}, its report
 * page called (the client feature fetches a service token and calls the WAR's own {@code /whoami}), and undeployed,
 * 20 times; the leak check's positive control taken in the last round, while the WAR is deployed.
 */
final class RedeployRounds {
    static final String FEATURE = "io.github.edgeauth.client.ServiceTokenFeature";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** How a test deploys the exploded WAR into its server, and undeploys it. */
    interface Deployments {
        void deploy(Path war) throws Exception;

        void undeploy() throws Exception;
    }

    private RedeployRounds() {
    }

    /** Runs the rounds; {@code discounted} names the server's threads whose local variables the check leaves out. */
    static LeakCheck run(Path dir, long pid, Deployments server, Function<String, URI> uri,
                         Callable<Collection<String>> discounted) throws Exception {
        Path war = ExplodedWar.write(dir, "redeployed", "/secured/web.xml",
                List.of(SecureServlet.class, AuditBean.class, ReportServlet.class, WhoAmIServlet.class), false);
        LeakCheck feature = null;
        for (int round = 1; round <= 20; round++) {
            server.deploy(war);
            HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(uri.apply("/redeployed/report"))
                    .header("X-User-Context", EdgeContexts.context("rita", Set.of())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, report.statusCode(), "round " + round + ": " + report.body());
            if (round == 20) {
                feature = LeakCheck.classSeenWhileDeployed(pid, dir.resolve("redeploys.hprof"), FEATURE, discounted.call());
            }
            server.undeploy();
        }
        return feature;
    }
}
