package io.github.edgeauth.it.javax;

import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import io.github.edgeauth.testkit.Readiness;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * WildFly 26.1 (Maven Central's wildfly-dist, the last Java EE 8 one), unpacked and configured by the build, started
 * with its own {@code standalone.sh} on 127.0.0.1 and ports of the test's choosing, and run by this JVM's Java.
 * WARs go in exploded through its deployment scanner, as an admin drops them in: {@code .dodeploy} in,
 * {@code .deployed} or {@code .failed} out, each polled with a deadline.
 */
final class WildFly26 implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final Path home;
    private final Process process;
    private final int port;

    private WildFly26(Path home, Process process, int port) {
        this.home = home;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server with {@code systemProperties} ({@code -Dname=value}, the HTTPS ports among them), ready when
     * its root answers.
     */
    static WildFly26 start(Path log, int port, int managementPort, List<String> systemProperties) throws IOException {
        Path home = Path.of(System.getProperty("edgeauth.wildfly26.home")).toAbsolutePath();
        try (Stream<Path> left = Files.list(home.resolve("standalone/deployments"))) { // by an earlier run
            for (Path deployment : left.filter(path -> !path.getFileName().toString().equals("README.txt")).toList()) {
                delete(deployment);
            }
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.bind.address.private=127.0.0.1", "-Djava.net.preferIPv4Stack=true",
                "-Djboss.http.port=" + port, "-Djboss.management.http.port=" + managementPort));
        command.addAll(systemProperties);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        WildFly26 server = new WildFly26(home, builder.start(), port);
        Readiness.await("WildFly 26", server.process, server.uri("/"), status -> status > 0, DEADLINE,
                Duration.ofMillis(250));
        return server;
    }

    /**
     * Starts the server for the Java EE 8 WAR's tests: the report page of the WAR at {@code context} calls that WAR
     * with a service token from {@code provider} ({@link ClientSettings}).
     */
    static WildFly26 forReports(Path dir, MockOAuth2Server provider, String context) throws IOException {
        Set<Integer> distinct = new LinkedHashSet<>();
        while (distinct.size() < 4) {
            distinct.add(Ports.free());
        }
        List<Integer> ports = List.copyOf(distinct);
        List<String> options = new ArrayList<>(List.of("-Djboss.https.port=" + ports.get(2),
                "-Djboss.management.https.port=" + ports.get(3)));
        options.addAll(ClientSettings.options(provider, "http://127.0.0.1:" + ports.get(0) + context));
        return start(dir.resolve("console.log"), ports.get(0), ports.get(1), options);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The version line the server logged at boot ({@code WildFly Full 26.1.3.Final ...}). */
    String bootLine() throws IOException {
        try (Stream<String> lines = Files.lines(home.resolve("standalone/log/server.log"))) {
            return lines.filter(line -> line.contains("WFLYSRV0049")).reduce((first, last) -> last).orElse("");
        }
    }

    /** Deploys the exploded WAR {@code war} as {@code name.war}; returns once the scanner has deployed it. */
    void deploy(String name, Path war) throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        Path target = deployments.resolve(name + ".war");
        copy(war, target);
        Files.deleteIfExists(deployments.resolve(name + ".war.undeployed"));
        Files.createFile(deployments.resolve(name + ".war.dodeploy"));
        awaitMarker(deployments, name, ".deployed");
    }

    /** Undeploys {@code name.war}; returns once the scanner has undeployed it, its files gone. */
    void undeploy(String name) throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        Files.delete(deployments.resolve(name + ".war.deployed"));
        awaitMarker(deployments, name, ".undeployed");
        delete(deployments.resolve(name + ".war"));
    }

    /** The server's JVM: the java process that {@code standalone.sh} started. */
    long pid() {
        return process.descendants().filter(child -> child.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no java process under standalone.sh"))
                .pid();
    }

    private void awaitMarker(Path deployments, String name, String marker) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(deployments.resolve(name + ".war" + marker))) {
                return;
            }
            if (Files.exists(deployments.resolve(name + ".war.failed"))) {
                throw new IllegalStateException("WildFly failed to deploy " + name + ": see its server.log");
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("no " + marker + " for " + name + " within " + DEADLINE);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    public void close() {
        Optional<ProcessHandle> java = process.descendants().findFirst();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(slow -> process.destroyForcibly()).join();
        java.ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }
}
