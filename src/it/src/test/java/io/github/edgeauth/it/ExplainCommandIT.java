package io.github.edgeauth.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar ... explain}, run as an admin runs it: the self-contained cli jar from a download folder,
 * and the plain filter jar in a WAR's {@code WEB-INF/lib} beside whatever nimbus version the WAR has.
 */
class ExplainCommandIT {

    private record Run(int status, String output) {
    }

    @Test
    void theCliJarAloneExplainsAnAcceptedContext(@TempDir Path downloads) throws Exception {
        Path cli = Files.copy(Archives.built("filter", "edgeauth-filter-", "-cli.jar"), downloads.resolve("edgeauth-filter-cli.jar"));
        Run run = explain(cli, TestContexts.context("alice", Set.of("admin")));
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("result:  accepted"), run.output());
        assertTrue(run.output().contains("subject: alice"), run.output());
    }

    @Test
    void thePlainJarInWebInfLibFindsCoreAndAnyNimbusBesideIt(@TempDir Path webInfLib) throws Exception {
        Path filter = Files.copy(Archives.built("filter", "edgeauth-filter-", ".jar"), webInfLib.resolve("edgeauth-filter-1.0.jar"));
        Files.copy(Archives.built("core", "edgeauth-core-", ".jar"), webInfLib.resolve("edgeauth-core-1.0.jar"));
        Files.copy(Archives.nimbusJar().toPath(), webInfLib.resolve("nimbus-jose-jwt-9.99.jar"));
        Run run = explain(filter, TestContexts.context("alice", Set.of()));
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("result:  accepted"), run.output());
    }

    @Test
    void thePlainJarAloneSaysInOneLineWhatIsMissing(@TempDir Path alone) throws Exception {
        Path filter = Files.copy(Archives.built("filter", "edgeauth-filter-", ".jar"), alone.resolve("edgeauth-filter.jar"));
        Run run = explain(filter, "a.b.c");
        assertEquals(2, run.status(), run.output());
        assertEquals(1, run.output().strip().lines().count(), run.output());
        assertTrue(run.output().contains("edgeauth-core and nimbus-jose-jwt"), run.output());
        assertFalse(run.output().contains("Exception"), run.output());
    }

    private static Run explain(Path jar, String token) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "explain", token, "--jwks",
                Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pub.pem").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "explain did not finish");
        return new Run(process.exitValue(), output);
    }
}
