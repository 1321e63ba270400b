package io.github.edgeauth.it;

import io.github.edgeauth.demo.PayaraMicro;
import io.github.edgeauth.it.reporting.ReportServlet;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Undeploys and redeploys a WAR with the filter and the client feature 20 times into one running Payara Micro
 * (through its runtime API, {@link PayaraMicroDriver}), the client fetching a real token from mock-oauth2-server
 * and calling the provider's userinfo with it each time: no thread of edgeauth or of the JDK HTTP clients it
 * makes outlives its application, and in a heap dump of the server (the JDK's {@code jcmd}, searched with
 * shark) nothing holds any undeployed copy of the client feature's class strongly.
 */
class RedeployOnPayaraMicroIT {
    private static final int ROUNDS = 20;
    private static final String NAME = "redeployed";
    private static final String FEATURE = "io.github.edgeauth.client.ServiceTokenFeature";

    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private MockOAuth2Server provider;
    private Process server;
    private Path log;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void twentyRedeploysLeaveNoThreadAndNothingHoldingTheirClasses() throws Exception {
        TestJwks.publish(); // the WAR's own filter verifies the caller's context
        provider = LoopbackProvider.start(0);
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("payara-redeploy").toAbsolutePath();
        Path war = dir.resolve(NAME + ".war");
        Files.createDirectories(dir);
        Archives.backendWar(NAME + ".war", getClass().getResource("/redeploy/web.xml"), ReportServlet.class)
                .addAsLibraries(Archives.clientJar()).as(ZipExporter.class).exportTo(war.toFile(), true);
        int port = SystemIT.freePort();
        start(dir, port, provider.baseUrl().port());
        expect("ready", Duration.ofMinutes(4));
        List<String> before = ServerJvm.edgeauthThreads(server.pid()); // Payara's own, if any had such a name

        redeploy(war, URI.create("http://127.0.0.1:" + port + "/" + NAME + "/report"));

        Path dump = dir.resolve("payara-micro-after-redeploys.hprof");
        ServerJvm.dump(server.pid(), dump);
        int copies = ServerJvm.classCopies(dump, FEATURE);
        Optional<String> holder = ServerJvm.pathTo(dump, FEATURE, List.of());
        Files.delete(dump);
        List<String> left = ServerJvm.edgeauthThreadsLeft(server.pid(), before);
        System.out.printf("edgeauth redeploy on Payara Micro: after %d rounds %d copies of the client feature's class"
                + " in the heap, held strongly: %s; threads left %s%n", ROUNDS, copies, holder.isPresent(), left);
        assertEquals(List.of(), left, "threads left by the undeployed WARs");
        assertEquals(Optional.empty(), holder, "what holds an undeployed copy of " + FEATURE);
    }

    private void redeploy(Path war, URI report) throws Exception {
        // HTTP/1.1: Payara answers 431 to plain requests after the JDK client's h2c upgrade (FIELD-NOTES).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Writer commands = new java.io.OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        for (int round = 1; round <= ROUNDS; round++) {
            command(commands, "deploy " + NAME + " " + war);
            expect("deployed " + NAME + " true", Duration.ofMinutes(2));
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(report)
                    .header("X-User-Context", TestContexts.context("rita", Set.of())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "round " + round + ": " + page.body());
            command(commands, "undeploy " + NAME);
            expect("undeployed " + NAME, Duration.ofMinutes(2));
        }
    }

    /**
     * Starts Payara Micro with the usual flags (no phone-home, no cluster, loopback only), the application's
     * settings as system properties, and {@link PayaraMicroDriver} alone next to it on the class path.
     */
    private void start(Path dir, int port, int providerPort) throws IOException {
        Path payaraJar = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"),
                "payara-micro.jar").toAbsolutePath();
        Path root = dir.resolve("payara");
        PayaraMicro.deleteTree(root);
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        Path driver = dir.resolve("driver");
        Path driverClass = driver.resolve(PayaraMicroDriver.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(driverClass.getParent());
        try (var bytes = PayaraMicroDriver.class.getResourceAsStream(PayaraMicroDriver.class.getSimpleName() + ".class")) {
            Files.copy(bytes, driverClass, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path preBoot = dir.resolve("pre-boot-commands.txt");
        Files.writeString(preBoot, String.join("\n", PayaraMicro.LOOPBACK_PRE_BOOT_COMMANDS) + "\n");
        String provider = "http://127.0.0.1:" + providerPort + "/default";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.socket.bind.any=false",
                "-Djava.io.tmpdir=" + tmp,
                "-Dedgeauth.context.jwks-url=http://127.0.0.1:" + Integer.getInteger("edgeauth.it.jwks-port") + "/jwks.json",
                "-Dedgeauth.client.inventory.token-endpoint=" + provider + "/token",
                "-Dedgeauth.client.inventory.client-id=reporting",
                "-Dedgeauth.client.inventory.client-secret=reporting-secret",
                "-Dedgeauth.client.inventory.base-urls=" + provider + "/",
                "-Dreporting.inventory.url=" + provider + "/userinfo"));
        command.addAll(openedModules(payaraJar));
        command.addAll(List.of("-cp", payaraJar + java.io.File.pathSeparator + driver, PayaraMicroDriver.class.getName(),
                "--nocluster", "--disablephonehome", "--port", String.valueOf(port), "--rootdir", root.toString(),
                "--prebootcommandfile", preBoot.toString()));
        log = dir.resolve("server.log");
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readAnswers, "payara-micro-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * What {@code java -jar payara-micro.jar} would open from its manifest ({@code Add-Opens}, {@code Add-Exports}),
     * given as options, since the jar is on the class path here.
     */
    private static List<String> openedModules(Path payaraJar) throws IOException {
        List<String> options = new ArrayList<>();
        try (JarFile jar = new JarFile(payaraJar.toFile())) {
            Manifest manifest = jar.getManifest();
            for (String attribute : List.of("Add-Opens", "Add-Exports")) {
                String value = manifest.getMainAttributes().getValue(attribute);
                for (String target : value == null ? new String[0] : value.trim().split("\\s+")) {
                    options.add("--" + attribute.toLowerCase() + "=" + target + "=ALL-UNNAMED");
                }
            }
        }
        return options;
    }

    /** Copies the server's output to its log, and the driver's answers to {@link #answers}. */
    private void readAnswers() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.write(line + "\n");
                file.flush();
                if (line.startsWith(PayaraMicroDriver.ANSWER)) {
                    answers.add(line.substring(PayaraMicroDriver.ANSWER.length()));
                }
            }
        } catch (IOException e) {
            answers.add("output lost: " + e);
        }
    }

    private static void command(Writer commands, String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
    }

    /** Waits for the driver's next answer, failing when it is another one, or when none comes by the deadline. */
    private void expect(String answer, Duration deadline) throws InterruptedException {
        String got = answers.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (got == null) {
            throw new AssertionError("Payara Micro did not answer \"" + answer + "\" within " + deadline
                    + (server.isAlive() ? "" : " (it exited with " + server.exitValue() + ")") + "; see " + log);
        }
        assertEquals(answer, got, "Payara Micro's answer; see " + log);
    }
}
