package io.github.edgeauth.it;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Undeploys and redeploys the legacy WAR with the filter 20 times on one plain Tomcat 10.1 (embedded in this
 * JVM), a verified request each time: afterwards no thread of edgeauth is left and, in a heap dump of this JVM
 * (the JDK's {@code jcmd}, searched with shark), nothing holds any of the 20 web application class loaders
 * strongly.
 */
class TomcatRedeployIT {
    private static final int ROUNDS = 20;
    private static final String WEB_APPLICATION_LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";

    @TempDir
    Path dir;

    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheirClassLoaders() throws Exception {
        Tomcat tomcat = EmbeddedTomcat.started(dir);
        try {
            redeploy(tomcat, EmbeddedTomcat.legacyWar(dir));
            Path dump = dir.resolve("after-redeploys.hprof");
            ServerJvm.dump(ProcessHandle.current().pid(), dump);
            Optional<String> holder = ServerJvm.pathToAnInstance(dump, WEB_APPLICATION_LOADER, List.of());
            Files.delete(dump);
            List<String> left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> name.startsWith("edgeauth")).toList();
            assertEquals(List.of(), left, "threads left by the undeployed WARs");
            assertEquals(Optional.empty(), holder, "what holds an undeployed WAR's class loader");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** The rounds, in a frame of their own: nothing of theirs stays on the test's stack for the heap dump. */
    private static void redeploy(Tomcat tomcat, Path war) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI whoami = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/legacy/whoami");
        for (int round = 1; round <= ROUNDS; round++) {
            Context context = EmbeddedTomcat.deploy(tomcat, war);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(whoami)
                    .header("X-User-Context", TestContexts.context("ivan", Set.of())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "round " + round + ": " + page.body());
            tomcat.getHost().removeChild(context);
        }
    }
}
