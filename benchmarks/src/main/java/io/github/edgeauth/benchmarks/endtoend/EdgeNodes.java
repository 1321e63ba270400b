package io.github.edgeauth.benchmarks.endtoend;

import io.github.edgeauth.testkit.HaProxy;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.nio.file.Path;

/**
 * The soak's edge: one node on plain HTTP (development mode), or, as {@code docs/operations.md} describes
 * production, several nodes in one Payara data grid behind HAProxy ending TLS, round robin, with the page's own
 * configuration. Every node has the same settings and key files; callers reach them through {@link #uri}.
 */
final class EdgeNodes implements AutoCloseable {
    private static final String JWKS = "/.well-known/edgeauth/jwks.json";

    private final Path runDir;
    private final Path payaraJar;
    private final Path war;
    private final int[] ports;
    private final int[] gridPorts;
    private final int balancerPort;
    private final PayaraMicro[] nodes;
    private Map<String, String> env = Map.of();
    private HaProxy balancer;

    EdgeNodes(int count, Path runDir, Path payaraJar, Path war) throws IOException {
        this.runDir = runDir;
        this.payaraJar = payaraJar;
        this.war = war;
        this.ports = new int[count];
        this.gridPorts = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = Ports.free();
            gridPorts[i] = Ports.free();
        }
        this.balancerPort = Ports.free();
        this.nodes = new PayaraMicro[count];
    }

    int count() {
        return nodes.length;
    }

    /** Where browsers reach the edge: the balancer's https origin, or the one node's. */
    String publicUrl() {
        return count() > 1 ? "https://localhost:" + balancerPort : "http://127.0.0.1:" + ports[0];
    }

    URI uri(String path) {
        return URI.create(publicUrl() + path);
    }

    /** Node {@code i} itself, on plain HTTP. */
    URI nodeUri(int i, String path) {
        return URI.create("http://127.0.0.1:" + ports[i] + path);
    }

    /** The JWKS of the node that is never killed, for the backends. */
    URI steadyJwks() {
        return nodeUri(count() - 1, JWKS);
    }

    PayaraMicro node(int i) {
        return nodes[i];
    }

    /**
     * Starts every node with {@code settings} (plus what the topology needs: development mode for one node on
     * plain HTTP, else the public URL), side by side, and then the balancer.
     */
    void start(Map<String, String> settings, Path docsDir, Duration deadline) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(settings);
        if (count() > 1) {
            all.put("EDGEAUTH_EDGE_PUBLIC_URL", publicUrl());
        } else {
            all.put("EDGEAUTH_EDGE_DEVELOPMENT", "true"); // plain http on loopback: no Secure cookie
        }
        env = Map.copyOf(all);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < count(); i++) {
            int node = i;
            starts.add(CompletableFuture.runAsync(() -> startNode(node, deadline)));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        if (count() > 1) {
            Path dir = runDir.resolve("haproxy");
            String config = HaProxy.documentedConfig(docsDir, dir, balancerPort,
                    IntStream.of(ports).boxed().toList());
            balancer = HaProxy.start(dir, config, balancerPort, Duration.ofSeconds(30));
        }
    }

    /** Ends node {@code i} as a crash does (SIGKILL). */
    void kill(int i) throws InterruptedException {
        nodes[i].kill();
    }

    /** Starts node {@code i} again, on its port and in the grid, and waits until it answers. */
    void restart(int i, Duration deadline) {
        startNode(i, deadline);
    }

    /** TLS for callers: trusting the balancer's certificate, or the JVM's default with one node on plain HTTP. */
    SSLContext tls() {
        if (balancer != null) {
            return balancer.trustingItsCertificate();
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startNode(int i, Duration deadline) {
        List<String> grid = count() == 1 ? ownGrid() : List.of("--clustermode", "tcpip:" + String.join(",",
                        IntStream.of(gridPorts).mapToObj(p -> "127.0.0.1:" + p).toList()),
                "--interfaces", "127.0.0.1", "--startport", String.valueOf(gridPorts[i]),
                "--clustername", "edgeauth-soak-" + gridPorts[0]);
        try {
            nodes[i] = PayaraMicro.start(count() == 1 ? "edge" : "edge-" + (i + 1), payaraJar, war, "/", ports[i],
                    runDir, env, List.of(), grid);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        nodes[i].awaitReady(JWKS, deadline);
    }

    private static List<String> ownGrid() {
        try {
            return PayaraMicro.LoopbackLaunch.ownDataGrid();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (balancer != null) {
            balancer.close();
        }
        for (PayaraMicro node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }
}
