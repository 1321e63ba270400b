package io.github.edgeauth.demo;

import io.github.edgeauth.testkit.PayaraMicro;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole system on loopback: the edge WAR and the two backends, each in its own Payara Micro, and the
 * server-rendered notes WAR beside orders, wired to one OIDC provider. Used by the demo and by the
 * integration tests.
 *
 * <p>Every setting is an env var of the process it configures, as an admin would set it; anything already in
 * this JVM's environment (a signing key, a real provider) wins over the demo's defaults.
 */
public final class DemoSystem implements AutoCloseable {
    /** The client the edge logs users in with, and the one orders calls inventory with. */
    public static final String EDGE_CLIENT_ID = "edge";
    public static final String ORDERS_CLIENT_ID = "orders-service";
    /** The audience the provider puts in access tokens for API clients of the edge (never the edge's client id). */
    public static final String API_AUDIENCE = "edge-api";
    /** The trust group of orders and inventory. */
    public static final String AUDIENCE = "shop";

    private final List<AutoCloseable> started = new ArrayList<>();
    private PayaraMicro edge;
    private PayaraMicro orders;
    private PayaraMicro inventory;

    /** Where the demo's artifacts are, and the ports. */
    public record Layout(Path payaraJar, Path edgeWar, Path ordersWar, Path inventoryWar, Path notesWar, Path workDir,
                         int edgePort, int ordersPort, int inventoryPort) {

        /** The artifacts as the demo module's build puts them in {@code demoDir} ({@code target/demo}). */
        public static Layout of(Path demoDir, Path workDir, int edgePort, int ordersPort, int inventoryPort) {
            return new Layout(demoDir.resolve("payara-micro.jar"), demoDir.resolve("edge-war.war"),
                    demoDir.resolve("orders-war.war"), demoDir.resolve("inventory-war.war"),
                    demoDir.resolve("notes-war.war"), workDir, edgePort, ordersPort, inventoryPort);
        }
    }

    private DemoSystem() {
    }

    /**
     * Starts the edge and both backends (in parallel) against the provider at {@code issuer} and waits until
     * each answers.
     *
     * @param edgeEnv extra env for the edge only (its signing key, say)
     */
    public static DemoSystem start(Layout layout, String issuer, Map<String, String> edgeEnv, Duration deadline)
            throws IOException {
        DemoSystem system = new DemoSystem();
        try {
            String jwks = "http://127.0.0.1:" + layout.edgePort() + "/.well-known/edgeauth/jwks.json";
            Map<String, String> edge = defaults(Map.of(
                    "EDGEAUTH_EDGE_ISSUER", issuer,
                    "EDGEAUTH_EDGE_CLIENT_ID", EDGE_CLIENT_ID,
                    "EDGEAUTH_EDGE_CLIENT_SECRET", "edge-secret",
                    "EDGEAUTH_CONTEXT_AUDIENCE", AUDIENCE,
                    "EDGEAUTH_EDGE_BEARER_AUDIENCE", API_AUDIENCE,
                    // Plain http on loopback: no Secure session cookie, and a signing key made at start.
                    "EDGEAUTH_EDGE_DEVELOPMENT", "true",
                    // Even in development, URLs come from the configured origin, never from a request's Host.
                    "EDGEAUTH_EDGE_PUBLIC_URL", "http://127.0.0.1:" + layout.edgePort(),
                    "EDGEAUTH_EDGE_ROUTE_ORDERS", "http://127.0.0.1:" + layout.ordersPort() + "/orders",
                    "EDGEAUTH_EDGE_ROUTE_INVENTORY", "http://127.0.0.1:" + layout.inventoryPort() + "/inventory",
                    // The server-rendered WAR, beside orders: served at the edge at its own path, /notes.
                    "EDGEAUTH_EDGE_ROUTE_NOTES", "http://127.0.0.1:" + layout.ordersPort() + "/notes"));
            edge.putAll(edgeEnv);
            Map<String, String> orders = defaults(Map.of(
                    "EDGEAUTH_CONTEXT_JWKS_URL", jwks,
                    "EDGEAUTH_CONTEXT_AUDIENCE", AUDIENCE,
                    "EDGEAUTH_CLIENT_INVENTORY_ISSUER", issuer,
                    "EDGEAUTH_CLIENT_INVENTORY_CLIENT_ID", ORDERS_CLIENT_ID,
                    "EDGEAUTH_CLIENT_INVENTORY_CLIENT_SECRET", "orders-secret"));
            // The client's scopes and audience come from the orders WAR's microprofile-config.properties.
            Map<String, String> inventory = defaults(Map.of(
                    "EDGEAUTH_CONTEXT_JWKS_URL", jwks,
                    "EDGEAUTH_CONTEXT_AUDIENCE", AUDIENCE,
                    "EDGEAUTH_SERVICE_ISSUER", issuer,
                    "EDGEAUTH_SERVICE_AUDIENCE", "inventory"));

            if (plainHttpOffLoopback(issuer)) {
                // A demo against a plain-http provider on another host: the backends' development mode takes it,
                // as the edge's does (never in production: keys and tokens over plain HTTP can be swapped).
                orders.put("EDGEAUTH_CLIENT_DEVELOPMENT", "true");
                inventory.put("EDGEAUTH_FILTER_DEVELOPMENT", "true");
            }
            system.edge = system.keep(PayaraMicro.start("edge", layout.payaraJar(), layout.edgeWar(), "/",
                    layout.edgePort(), layout.workDir(), edge, List.of()));
            Map<String, Path> ordersServer = new java.util.LinkedHashMap<>();
            ordersServer.put("/orders", layout.ordersWar());
            ordersServer.put("/notes", layout.notesWar()); // the same trust group and keys as orders
            system.orders = system.keep(PayaraMicro.startAt("orders", layout.payaraJar(), ordersServer,
                    layout.ordersPort(), layout.workDir(), orders,
                    List.of("-Dinventory/mp-rest/url=http://127.0.0.1:" + layout.inventoryPort() + "/inventory/api")));
            system.inventory = system.keep(PayaraMicro.start("inventory", layout.payaraJar(), layout.inventoryWar(),
                    "/inventory", layout.inventoryPort(), layout.workDir(), inventory, List.of()));

            // Own threads: on two cores the common pool has one, and the three waits must run side by side.
            ExecutorService waits = Executors.newFixedThreadPool(3);
            try {
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> system.edge.awaitReady("/.well-known/edgeauth/jwks.json", deadline), waits),
                        CompletableFuture.runAsync(() -> system.orders.awaitReady("/orders/health", deadline), waits),
                        CompletableFuture.runAsync(() -> system.inventory.awaitReady("/inventory/health", deadline), waits))
                        .join();
            } finally {
                waits.shutdownNow();
            }
            return system;
        } catch (CompletionException e) {
            system.close();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } catch (IOException | RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** Whether {@code url} is plain http to a host other than this machine's loopback. */
    private static boolean plainHttpOffLoopback(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost();
        return "http".equalsIgnoreCase(uri.getScheme()) && !host.equals("localhost") && !host.startsWith("127.")
                && !host.equals("[::1]");
    }

    /** The demo's value for each setting, unless this JVM's environment already sets it. */
    private static Map<String, String> defaults(Map<String, String> demo) {
        Map<String, String> env = new HashMap<>();
        demo.forEach((key, value) -> env.put(key, System.getenv().getOrDefault(key, value)));
        return env;
    }

    private PayaraMicro keep(PayaraMicro server) {
        started.add(server);
        return server;
    }

    public PayaraMicro edge() {
        return edge;
    }

    public PayaraMicro orders() {
        return orders;
    }

    public PayaraMicro inventory() {
        return inventory;
    }

    /** Stops every process it started, in parallel. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        ExecutorService stoppers = Executors.newFixedThreadPool(Math.max(1, started.size()));
        for (AutoCloseable server : started) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    server.close();
                } catch (Exception ignored) {
                    // best effort: the others must still stop
                }
            }, stoppers));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        stoppers.shutdownNow();
        started.clear();
    }
}
