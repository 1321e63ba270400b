package io.github.edgeauth.it.javax;

import io.github.edgeauth.testkit.LeakCheck;
import io.github.edgeauth.testkit.MockProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Undeploys and redeploys the Java EE 8 legacy WAR (the javax filter, client feature and Jersey 2 in its
 * WEB-INF/lib) 20 times on one Tomcat 9, each round a verified page and a call with a service token: afterwards no
 * thread of edgeauth or of the JDK HTTP clients it makes is left and, in a heap dump of this JVM, nothing holds any
 * of the 20 web application class loaders strongly. The check first sees the last round's loader held while it
 * is still deployed ({@link LeakCheck}).
 */
class RedeployOnTomcat9IT {
    private static final int ROUNDS = 20;
    private static final String WEB_APPLICATION_LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";

    @TempDir
    Path dir;

    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheirClassLoaders() throws Exception {
        MockOAuth2Server provider = MockProvider.inThisJvm(0);
        Tomcat tomcat = Tomcat9.started(dir);
        ClientSettings.set(provider, "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/legacy");
        try {
            // The test's own HTTP client, and its threads, exist before the rounds.
            FilterOnTomcat9IT.HTTP.send(HttpRequest.newBuilder(provider.url("/default/.well-known/openid-configuration")
                    .uri()).build(), HttpResponse.BodyHandlers.discarding());
            Set<String> before = threadOwners();
            LeakCheck loaders = redeploy(tomcat, Tomcat9.legacyWar(dir), dir.resolve("heap.hprof"));
            loaders.afterUndeploy(List.of());
            Set<String> left = new TreeSet<>(threadOwners());
            left.removeAll(before);
            assertEquals(Set.of(), left, "threads left by the undeployed WARs");
        } finally {
            tomcat.stop();
            tomcat.destroy();
            provider.shutdown();
            ClientSettings.clear();
        }
    }

    /** edgeauth's threads by name, and the JDK HTTP clients by number ({@code HttpClient-7}), however many workers. */
    private static Set<String> threadOwners() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("edgeauth") || name.startsWith("HttpClient-"))
                .map(name -> name.startsWith("HttpClient-") ? name.substring(0, name.indexOf('-', "HttpClient-".length())) : name)
                .collect(Collectors.toSet());
    }

    /**
     * The rounds, in a frame of their own: nothing of theirs stays on the test's stack for the heap dump. The last
     * one, still deployed, is the leak check's positive control.
     */
    private static LeakCheck redeploy(Tomcat tomcat, Path war, Path dump) throws Exception {
        LeakCheck loaders = null;
        for (int round = 1; round <= ROUNDS; round++) {
            Context context = Tomcat9.deploy(tomcat, war);
            HttpResponse<String> page = FilterOnTomcat9IT.get(tomcat, "/whoami", "X-User-Context",
                    EdgeContexts.context("ivan", Set.of()));
            assertEquals(200, page.statusCode(), "round " + round + ": " + page.body());
            HttpResponse<String> report = FilterOnTomcat9IT.get(tomcat, "/report", "X-User-Context",
                    EdgeContexts.context("rita", Set.of()));
            assertEquals(200, report.statusCode(), "round " + round + ": " + report.body());
            if (round == ROUNDS) {
                loaders = LeakCheck.instanceSeenWhileDeployed(ProcessHandle.current().pid(), dump, WEB_APPLICATION_LOADER,
                        List.of());
            }
            tomcat.getHost().removeChild(context);
        }
        return loaders;
    }
}
