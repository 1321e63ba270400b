package io.github.edgeauth.it.javax;

import io.github.edgeauth.testkit.LeakCheck;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicroServer;
import io.github.edgeauth.testkit.Ports;
import io.github.edgeauth.testkit.ServerJvm;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java EE 8 WAR deployed into and undeployed from one running Payara Micro 5.2022.5 20 times (through its
 * runtime API, as {@link PayaraMicroServer} does for Payara 6), each round a call with a service token from the
 * client feature on Payara's Jersey 2: afterwards no thread of edgeauth or of the JDK HTTP clients it makes is
 * left, and in a heap dump of the server nothing holds an undeployed copy of the feature's classes strongly
 * ({@link LeakCheck}, which first sees the last round's copy held while it is deployed). Payara 5's default managed
 * executor makes its threads while an application deploys, and they keep what they inherited from it (its class
 * loader as their context class loader, its invocation frames in inheritable thread locals) until they retire,
 * 300 s idle: any application's, with edgeauth or without (an EJB WAR without it is held so too). So what those
 * threads inherit is left out here; any other thread that keeps a copy's class loader still fails the check.
 */
class RedeployOnPayaraMicro5IT {
    /** The threads of Payara 5's default managed executor. */
    private static final String POOL_THREADS = "concurrent/__defaultManagedExecutorService-managedThreadFactory-Thread-";

    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheClientsClasses() throws Exception {
        MockOAuth2Server provider = MockProvider.inThisJvm(0);
        Path dir = Files.createDirectories(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "payara5-redeploy")
                .toAbsolutePath());
        int port = Ports.free();
        List<String> options = new ArrayList<>(List.of("--add-opens=java.base/java.io=ALL-UNNAMED"));
        options.addAll(ClientSettings.options(provider, "http://127.0.0.1:" + port + "/redeployed"));
        try (PayaraMicroServer server = PayaraMicroServer.start(Path.of(System.getProperty("edgeauth.payara5.jar")),
                dir.resolve("server"), port, options, List.of())) {
            long pid = server.pid();
            List<String> before = ServerJvm.edgeauthThreads(pid);
            LeakCheck feature = RedeployRounds.run(dir, pid, new RedeployRounds.Deployments() {
                @Override
                public void deploy(Path war) throws Exception {
                    server.deploy("redeployed", "/redeployed", war);
                }

                @Override
                public void undeploy() throws Exception {
                    server.undeploy("redeployed");
                }
            }, server::uri, List::of);
            feature.afterUndeployLeavingOutWhatPoolThreadsInherit(List.of(), List.of(POOL_THREADS));
            assertEquals(List.of(), ServerJvm.edgeauthThreadsLeft(pid, before), "threads left by the undeployed WARs");
        } finally {
            provider.shutdown();
        }
    }
}
