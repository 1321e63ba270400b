package io.github.edgeauth.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One Payara Micro JVM that a test deploys WARs into and undeploys them from while it runs (which Payara Micro's
 * command line and the Arquillian adapter cannot do: they deploy at boot only). Started with the usual flags (no
 * phone-home, a data grid of its own, loopback only), its main class {@link PayaraMicroDriver}, which alone sits next to
 * {@code payara-micro.jar} on its class path.
 */
public final class PayaraMicroServer implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final Path log;
    private final int port;
    /** What {@link #answers} gets when the server's output ends. */
    private static final String OUTPUT_ENDED = "\u0000output ended";
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private PayaraMicroServer(Process process, Path log, int port) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Payara Micro in {@code dir} (emptied first) on {@code port}, {@code systemProperties}
     * ({@code -Dname=value}) added to its JVM's options as an admin adds settings, and waits until it is ready.
     */
    public static PayaraMicroServer start(Path dir, int port, List<String> systemProperties)
            throws IOException, InterruptedException {
        return start(dir, port, systemProperties, List.of());
    }

    /** As above, run by {@code runner} (a command such as a tracer's that runs the rest of the command line). */
    public static PayaraMicroServer start(Path dir, int port, List<String> systemProperties, List<String> runner)
            throws IOException, InterruptedException {
        Path payaraJar = Path.of(System.getProperty("payara.microJar", System.getProperty("edgeauth.demo.dir",
                "../../example-war/demo/target/demo") + "/payara-micro.jar"));
        return start(payaraJar, dir, port, systemProperties, runner);
    }

    /**
     * As above, the Payara Micro of {@code payaraJar} (any since 5.2022, whose runtime API has the same deploy and
     * undeploy), {@code jvmOptions} ({@code -D} settings, {@code --add-opens}) added to its JVM's options.
     */
    public static PayaraMicroServer start(Path payaraJar, Path dir, int port, List<String> jvmOptions,
                                          List<String> runner) throws IOException, InterruptedException {
        PayaraMicro.LoopbackLaunch launch = PayaraMicro.LoopbackLaunch.prepare(dir, port);
        Path driver = dir.resolve("driver");
        Path driverClass = driver.resolve(PayaraMicroDriver.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(driverClass.getParent());
        try (InputStream bytes = PayaraMicroDriver.class.getResourceAsStream(PayaraMicroDriver.class.getSimpleName() + ".class")) {
            Files.copy(bytes, driverClass, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(runner);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions());
        command.addAll(jvmOptions);
        command.addAll(openedModules(payaraJar));
        command.addAll(List.of("-cp", payaraJar.toAbsolutePath() + File.pathSeparator + driver, PayaraMicroDriver.class.getName()));
        command.addAll(PayaraMicro.LoopbackLaunch.ownDataGrid());
        command.addAll(launch.serverOptions());
        PayaraMicroServer server = new PayaraMicroServer(new ProcessBuilder(command).redirectErrorStream(true).start(),
                dir.resolve("server.log"), port);
        Thread reader = new Thread(server::readAnswers, "payara-micro-output");
        reader.setDaemon(true);
        reader.start();
        server.expect("ready", Duration.ofMinutes(4));
        return server;
    }

    /** Deploys {@code war} as {@code name} at {@code contextRoot}, failing when Payara says it did not. */
    public void deploy(String name, String contextRoot, Path war) throws IOException, InterruptedException {
        command("deploy " + name + " " + contextRoot + " " + war);
        expect("deployed " + name + " true", Duration.ofMinutes(2));
    }

    public void undeploy(String name) throws IOException, InterruptedException {
        command("undeploy " + name);
        expect("undeployed " + name, Duration.ofMinutes(2));
    }

    /** Polls {@code path} until its status satisfies {@code ready}, failing at {@code deadline} or if the server exits. */
    public void awaitAnswer(String path, IntPredicate ready, Duration deadline) {
        Readiness.await("Payara Micro (log " + log + ")", process, uri(path), ready, deadline, Duration.ofMillis(500));
    }

    /** The server JVM's process id (the runner's, when one started it). */
    public long pid() {
        return process.pid();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy); // the server, when a runner started it
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
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
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.write(line + "\n");
                file.flush();
                if (line.startsWith(PayaraMicroDriver.ANSWER)) {
                    answers.add(line.substring(PayaraMicroDriver.ANSWER.length()));
                }
            }
            answers.add(OUTPUT_ENDED); // the server exited: a waiting test fails now, not at its deadline
        } catch (IOException e) {
            answers.add("output lost: " + e);
        }
    }

    private void command(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
    }

    /** Waits for the driver's next answer, failing when it is another one, or when none comes by the deadline. */
    private void expect(String answer, Duration deadline) throws InterruptedException {
        String got = answers.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (got == null || got.equals(OUTPUT_ENDED)) {
            boolean exited = process.waitFor(got == null ? 0 : 10, TimeUnit.SECONDS);
            throw new AssertionError("Payara Micro did not answer \"" + answer + "\""
                    + (got == null ? " within " + deadline : "")
                    + (exited ? " (it exited with " + process.exitValue() + ")" : "") + "; see " + log);
        }
        assertEquals(answer, got, "Payara Micro's answer; see " + log);
    }
}
