package io.github.edgeauth.it;

import io.github.edgeauth.testkit.LeakCheck;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Undeploys and redeploys the legacy WAR with the filter 20 times on one plain Tomcat 10.1 (embedded in this
 * JVM), a verified request each time: afterwards no thread of edgeauth is left and, in a heap dump of this JVM
 * (the JDK's {@code jcmd}, searched with shark), nothing holds any of the 20 web application class loaders
 * strongly. The check first proves it can see a leak ({@link LeakCheck}): while the last round is still deployed,
 * a dump shows its class loader held.
 */
class RedeployOnTomcatIT {
    private static final int ROUNDS = 20;
    private static final String WEB_APPLICATION_LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";

    @TempDir
    Path dir;

    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheirClassLoaders() throws Exception {
        Tomcat tomcat = EmbeddedTomcat.started(dir);
        try {
            LeakCheck loaders = redeploy(tomcat, EmbeddedTomcat.legacyWar(dir), dir.resolve("heap.hprof"));
            loaders.afterUndeploy(List.of());
            List<String> left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> name.startsWith("edgeauth")).toList();
            assertEquals(List.of(), left, "threads left by the undeployed WARs");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /**
     * The rounds, in a frame of their own: nothing of theirs stays on the test's stack for the heap dump. The last
     * one, still deployed, is the leak check's positive control.
     */
    private static LeakCheck redeploy(Tomcat tomcat, Path war, Path dump) throws Exception {
        LeakCheck loaders = null;
        HttpClient http = HttpClient.newHttpClient();
        URI whoami = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/legacy/whoami");
        for (int round = 1; round <= ROUNDS; round++) {
            Context context = EmbeddedTomcat.deploy(tomcat, war);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(whoami)
                    .header("X-User-Context", TestContexts.context("ivan", Set.of())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "round " + round + ": " + page.body());
            if (round == ROUNDS) {
                loaders = LeakCheck.instanceSeenWhileDeployed(ProcessHandle.current().pid(), dump, WEB_APPLICATION_LOADER, List.of());
            }
            tomcat.getHost().removeChild(context);
        }
        return loaders;
    }
}
