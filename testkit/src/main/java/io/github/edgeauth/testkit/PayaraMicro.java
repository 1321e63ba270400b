package io.github.edgeauth.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process serving one WAR (or several) on loopback, started with the flags that keep it off the
 * network: no phone-home, no cloud-metadata lookups, a data grid of its own, HTTP bound to 127.0.0.1, and its
 * temp files under its own work directory. How the demo, the integration tests and the benchmarks start it.
 */
public final class PayaraMicro implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;
    private final String name;

    private PayaraMicro(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Payara Micro with {@code war} at {@code contextRoot} on {@code port}.
     *
     * @param env        added to (and overriding) this process's environment
     * @param systemProps extra {@code -D} options for the server JVM
     */
    public static PayaraMicro start(String name, Path payaraJar, Path war, String contextRoot, int port, Path workDir,
                                    Map<String, String> env, List<String> systemProps) throws IOException {
        return start(name, payaraJar, war, contextRoot, port, workDir, env, systemProps, LoopbackLaunch.ownDataGrid());
    }

    /**
     * As above, with the clustering options given instead of a data grid of its own, e.g. one grid that several
     * servers share ({@link LoopbackLaunch#dataGrid}).
     */
    public static PayaraMicro start(String name, Path payaraJar, Path war, String contextRoot, int port, Path workDir,
                                    Map<String, String> env, List<String> systemProps, List<String> clusterOptions)
            throws IOException {
        return start(name, payaraJar, List.of("--deploy", war.toString(), "--contextroot", contextRoot), port,
                workDir, env, systemProps, clusterOptions);
    }

    /**
     * One server with several WARs, each at the context root its file name gives ({@code plain.war} at
     * {@code /plain}): how the benchmarks put variants side by side in one JVM.
     */
    public static PayaraMicro startAll(String name, Path payaraJar, List<Path> wars, int port, Path workDir,
                                       Map<String, String> env, List<String> systemProps) throws IOException {
        List<String> deploys = new ArrayList<>();
        wars.forEach(war -> deploys.addAll(List.of("--deploy", war.toString())));
        return start(name, payaraJar, deploys, port, workDir, env, systemProps, LoopbackLaunch.ownDataGrid());
    }

    /** One server with several WARs, each at the context root named with it ({@code /orders}), in that order. */
    public static PayaraMicro startAt(String name, Path payaraJar, Map<String, Path> warsByContextRoot, int port,
                                      Path workDir, Map<String, String> env, List<String> systemProps) throws IOException {
        List<String> deploys = new ArrayList<>();
        // Payara Micro's own form: the file, the path separator, the context root.
        warsByContextRoot.forEach((root, war) -> deploys.addAll(List.of("--deploy",
                war + java.io.File.pathSeparator + root)));
        return start(name, payaraJar, deploys, port, workDir, env, systemProps, LoopbackLaunch.ownDataGrid());
    }

    private static PayaraMicro start(String name, Path payaraJar, List<String> deployments, int port, Path workDir,
                                     Map<String, String> env, List<String> systemProps, List<String> clusterOptions)
            throws IOException {
        Path root = workDir.resolve(name);
        LoopbackLaunch launch = LoopbackLaunch.prepare(root, port);
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(launch.jvmOptions());
        command.addAll(systemProps);
        command.addAll(List.of("-jar", payaraJar.toString()));
        command.addAll(clusterOptions);
        command.addAll(launch.serverOptions());
        command.addAll(deployments);
        Path log = root.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new PayaraMicro(name, builder.start(), log, port);
    }

    /**
     * What every Payara Micro this project starts is started with, to keep it on loopback and off the network: no
     * phone-home or cloud-metadata lookups, the HTTP listener and the data grid on 127.0.0.1 from the moment they
     * open, and its files under its own root directory.
     *
     * @param jvmOptions    the JVM's options, before the class path or {@code -jar}
     * @param serverOptions Payara Micro's own options, after its jar or main class
     */
    public record LoopbackLaunch(List<String> jvmOptions, List<String> serverOptions) {

        /** Keeps the HTTP listener and the data grid on 127.0.0.1 from the moment they open. */
        static final List<String> PRE_BOOT_COMMANDS = List.of(
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1",
                "set hazelcast-runtime-configuration.interface=127.0.0.1");

        /**
         * Empties {@code root} (a root dir left by an earlier run would deploy its old applications again) and
         * prepares it for a server on {@code port}: its temp dir, Payara's root dir and the pre-boot commands.
         */
        public static LoopbackLaunch prepare(Path root, int port) throws IOException {
            deleteTree(root);
            Path tmp = root.resolve("tmp");
            Files.createDirectories(tmp);
            // Pre-boot, so the listener opens on 127.0.0.1 once. A post-boot re-bind re-opens it after the server
            // says it is ready, and now and then the re-opened listener never answered. The data grid too: without
            // these it listens on every interface (*:6900-6903), even when it is a grid of its own.
            Path preBoot = root.resolve("pre-boot-commands.txt");
            Files.writeString(preBoot, String.join("\n", PRE_BOOT_COMMANDS) + "\n");
            return new LoopbackLaunch(
                    List.of("-Xmx512m", "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.socket.bind.any=false",
                            "-Djava.io.tmpdir=" + tmp),
                    List.of("--disablephonehome", "--port", String.valueOf(port), "--rootdir",
                            root.resolve("payara").toString(), "--prebootcommandfile", preBoot.toString()));
        }

        /**
         * The clustering options for a server alone: a data grid of its own on 127.0.0.1, at a free port and under
         * a cluster name no other server has. Not {@code --nocluster}: with it Payara Micro still looks for a
         * domain administration server at the machine's own address (port 4900), which it never takes to be
         * loopback; with a TCP/IP member list it connects to the members listed and to nothing else.
         */
        public static List<String> ownDataGrid() throws IOException {
            int port = Ports.free();
            return dataGrid(port, "edgeauth-" + port);
        }

        /**
         * The clustering options for a TCP/IP data grid on 127.0.0.1 whose first member listens on
         * {@code gridPort}: servers given the same options form one grid (the second takes the next port).
         */
        public static List<String> dataGrid(int gridPort, String clusterName) {
            return List.of("--clustermode", "tcpip:127.0.0.1:" + gridPort, "--interfaces", "127.0.0.1",
                    "--startport", String.valueOf(gridPort), "--clustername", clusterName);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Polls {@code path} on this server until it answers 2xx, 3xx or 401, failing at {@code deadline}, or at
     * once when the log shows the deployment failed (Payara keeps running without the application).
     */
    public PayaraMicro awaitReady(String path, Duration deadline) {
        Readiness.await(name + " (log " + log + ")", process, uri(path), status -> status < 400 || status == 401,
                deadline, Duration.ofMillis(250), this::deploymentFailure);
        return this;
    }

    /** The line that says why the deployment failed: edgeauth's own message when there is one. */
    Optional<String> deploymentFailure() {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        Optional<String> edgeauth = lines.stream().filter(line -> line.contains("edgeauth: setting"))
                .map(line -> line.substring(line.indexOf("edgeauth: setting"))).findFirst();
        if (edgeauth.isPresent()) {
            return edgeauth;
        }
        return lines.stream().filter(line -> line.contains("Exception while loading the app")
                || line.contains("Exception while deploying the app") || line.contains("Deployment failed"))
                .map(String::strip).findFirst();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * Ends the server as a crash does (SIGKILL on Linux): no shutdown hook, no goodbye to the data grid, requests in
     * flight cut off. Waits until the process is gone.
     */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not end after SIGKILL");
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
