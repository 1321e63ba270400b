package io.github.edgeauth.benchmarks.endtoend;

import io.github.edgeauth.benchmarks.endpoint.Hello;
import io.github.edgeauth.benchmarks.endpoint.HelloApplication;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The soak with faults: hundreds of callers through the edge for minutes (signed-in browsers and API clients,
 * on two backends, plus a browser signing in and out over and over) while, one after the other, the provider
 * stops, a backend restarts, the edge's key is rotated through its key files, and the backends lose the way to
 * the edge's JWKS; with two or more edge nodes ({@code edgeauth.soak.edges}) behind HAProxy with TLS, one node is
 * killed and started again as well. Prints every phase's answers, the failures each fault explains and any it does not, and the
 * heap after GC and thread counts of every edge node and the backend that ran throughout, at the start and the end.
 * Exits 1 on an unexpected failure, a fault that did not show, or memory or threads that grew.
 */
public final class Soak {
    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    /** The edge's page when the provider cannot be reached. */
    private static final String IDP_UNAVAILABLE = "503 idp_unavailable";
    /** The edge's answer when a backend cannot be reached. */
    private static final String BACKEND_UNAVAILABLE = "502 backend_unavailable";
    /**
     * What a stopping or starting backend's own server answers ({@link Answers#PAGE}, no edgeauth reason): 404 (no
     * application yet, or no longer), 503 and 500 (shutting down).
     */
    private static final List<String> BACKEND_SERVER_PAGES = List.of("404 page", "503 page", "500 page");
    /**
     * An answer cut off mid-body, as a client sees it: its connection (or HTTP/2 stream) broken off, never a whole
     * answer, since the edge breaks off what a backend broke off.
     */
    private static final List<String> CUT_OFF = List.of("IOException", "EOFException");
    private static final String ROUTE_PATH = "/hello";
    /**
     * A request in flight on an edge node killed under load, as the balancer answers it: its own 502 (the node hung
     * up) or 503 page, or the connection cut off.
     */
    private static final List<String> IN_FLIGHT = List.of("502 page", "503 page", CUT_OFF.get(0), CUT_OFF.get(1));
    private static final String SIGN_IN_CUT_OFF = "401 login_failed";

    private final Path dir;
    private final int browsers;
    private final int apiClients;
    private final Duration phase;
    private final Duration think;
    private final Duration jwksCacheTime;
    private final int edges;
    private final Tally tally = new Tally();
    private final List<String> failures = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Soak(Path dir, int browsers, int apiClients, Duration phase, Duration think, Duration jwksCacheTime,
                 int edges) {
        this.dir = dir;
        this.edges = edges;
        this.jwksCacheTime = jwksCacheTime;
        this.browsers = browsers;
        this.apiClients = apiClients;
        this.phase = phase;
        this.think = think;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.bench.dir", "benchmarks/target/e2e")).toAbsolutePath();
        Soak soak = new Soak(dir, Integer.getInteger("edgeauth.soak.browsers", 200),
                Integer.getInteger("edgeauth.soak.api-clients", 100),
                Duration.ofSeconds(Integer.getInteger("edgeauth.soak.phase-seconds", 60)),
                Duration.ofMillis(Integer.getInteger("edgeauth.soak.think-ms", 1000)),
                Duration.ofSeconds(Integer.getInteger("edgeauth.soak.jwks-cache-seconds", 300)),
                Integer.getInteger("edgeauth.soak.edges", 1));
        System.exit(soak.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "soak: %d browsers and %d API clients, a request each per %d ms on average,"
                + " phases of %d s, backends' key cache %d s, %s%n", browsers, apiClients, think.toMillis(), phase.toSeconds(),
                jwksCacheTime.toSeconds(), edges == 1 ? "one edge" : edges + " edges behind HAProxy with TLS");
        Path runDir = dir.resolve("soak");
        Path keys = Files.createDirectories(runDir.resolve("keys"));
        RSAKey first = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        RSAKey second = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        Path signingKey = replace(keys.resolve("signing-key.json"), first);
        Path nextKey = replace(keys.resolve("next-key.json"), first); // between rotations: the current key

        EdgeNodes edgeNodes = new EdgeNodes(edges, runDir, dir.resolve("payara-micro.jar"), dir.resolve("edge-war.war"));
        URI edgeJwks = edgeNodes.steadyJwks();
        try (JwksPath jwks = new JwksPath(Ports.free(), edgeJwks)) {
            // The backends find the edge's keys through the proxy, named in web.xml as an admin would.
            Path war = War.named("hello").classes(HelloApplication.class, Hello.class)
                    .libraries(List.of(dir.resolve("lib/edgeauth-core.jar"), dir.resolve("lib/edgeauth-filter.jar"),
                            dir.resolve("lib/nimbus-jose-jwt.jar")))
                    .contextParams(Map.of("edgeauth.context.jwks-url", jwks.uri().toString(),
                            "edgeauth.context.jwks-cache-time", jwksCacheTime.toSeconds() + "s"))
                    .writeTo(runDir.resolve("wars"));
            jwks.open();
            try (Servers servers = new Servers(runDir, war)) {
                servers.provider = MockProvider.start(servers.providerPort, runDir.resolve("provider"))
                        .awaitReady(START_DEADLINE);
                servers.steady = servers.backend("steady");
                servers.restarted = servers.backend("restarted");
                servers.edges = edgeNodes;
                edgeNodes.start(edgeEnvironment(servers, signingKey, nextKey),
                        Path.of(System.getProperty("edgeauth.docs.dir", "docs")), START_DEADLINE);
                servers.steady.awaitReady(ROUTE_PATH + "/hello", START_DEADLINE);
                servers.restarted.awaitReady(ROUTE_PATH + "/hello", START_DEADLINE);
                List<SoakLoad.Caller> callers = callers(edgeNodes, servers.provider);
                tally.enter(Tally.Phase.warmUp("warm-up")); // before the first caller sends
                try (SoakLoad load = new SoakLoad(tally, think, edgeNodes.tls())) {
                    load.start(callers, edgeNodes.uri("/api/steady/hello"), edgeNodes.uri("/logout"));
                    soak(servers, jwks, edgeJwks, signingKey, nextKey, second);
                    failures.addAll(load.stopped());
                }
                failures.addAll(tally.shortfalls(minimums(callers)));
            }
        }
        tally.print();
        failures.addAll(tally.unexpected());
        System.out.println();
        failures.forEach(line -> System.out.println("FAILED: " + line));
        if (failures.isEmpty()) {
            System.out.println("Soak passed: every failure was one a fault explains, and memory and threads stayed flat.");
        }
        return failures.isEmpty();
    }

    /** The phases, in order; the load runs throughout. */
    private void soak(Servers servers, JwksPath jwks, URI edgeJwks, Path signingKey, Path nextKey, RSAKey second) throws Exception {
        hold(phase.dividedBy(2)); // the warm-up
        tally.enter(Tally.Phase.clean("steady"));
        hold(phase);
        ServerJmx.Reading[] edgeStart = new ServerJmx.Reading[servers.edges.count()];
        for (int i = 0; i < edgeStart.length; i++) {
            edgeStart[i] = reading(servers.edges.node(i));
        }
        ServerJmx.Reading backendStart = reading(servers.steady);

        // Sign-ins only: the edge's page, or (before its probe notices) the browser finding no provider.
        Tally.Phase providerDown = new Tally.Phase("provider down", (caller, outcome) -> caller.equals(SoakLoad.SIGN_IN)
                && (outcome.equals(IDP_UNAVAILABLE) || outcome.equals(SoakLoad.PROVIDER_UNREACHABLE)));
        tally.enter(providerDown);
        servers.provider.close();
        hold(max(phase, Duration.ofSeconds(15))); // the edge's probe notices within 10 s
        expect(tally.count(providerDown.name(), SoakLoad.SIGN_IN, IDP_UNAVAILABLE) > 0,
                "no sign-in got the edge's 503 page while the provider was down");
        Tally.Phase providerStarting = new Tally.Phase("provider starting", providerDown.allowed());
        tally.enter(providerStarting);
        servers.provider = MockProvider.start(servers.providerPort, dir.resolve("soak/provider"))
                .awaitReady(START_DEADLINE);
        await("a sign-in works again", () -> tally.count(providerStarting.name(), SoakLoad.SIGN_IN, Tally.OK) > 0);
        tally.enter(Tally.Phase.clean("provider back"));
        hold(phase);
        expect(tally.count("provider back", SoakLoad.SIGN_IN, Tally.OK) > 0, "no sign-in worked after the provider came back");

        // While it stops and starts, the backend's own server answers too; once its port is closed, the edge. An
        // answer the stopping backend broke off mid-body reaches its caller broken off.
        Tally.Phase backendDown = new Tally.Phase("backend down", (caller, outcome) -> caller.endsWith("/restarted")
                && (outcome.equals(BACKEND_UNAVAILABLE) || BACKEND_SERVER_PAGES.contains(outcome)
                || CUT_OFF.contains(outcome)));
        tally.enter(backendDown);
        servers.restarted.close();
        hold(phase);
        expect(tally.count(backendDown.name(), "browser/restarted", BACKEND_UNAVAILABLE) > 0,
                "no browser got the edge's 502 while a backend was down");
        tally.enter(new Tally.Phase("backend starting", backendDown.allowed()));
        servers.restarted = servers.backend("restarted").awaitReady(ROUTE_PATH + "/hello", START_DEADLINE);
        tally.enter(Tally.Phase.clean("backend back"));
        hold(phase);
        if (servers.edges.count() > 1) {
            edgeNodeKilled(servers);
            edgeStart[0] = reading(servers.edges.node(0)); // a new JVM: its own start
            failures.addAll(EveryNodeSignOut.check(servers.edges, servers.provider.issuer()));
        }

        tally.enter(Tally.Phase.clean("next key published"));
        replace(nextKey, second);
        await("the edge publishes the next key", () -> published(edgeJwks).contains(second.getKeyID()));
        awaitKeyFetches(servers); // the backends' key cache has passed: they hold the next key
        hold(phase);
        tally.enter(Tally.Phase.clean("key rotated"));
        replace(signingKey, second);
        await("the edge signs with the new key", () -> published(edgeJwks).indexOf(second.getKeyID()) == 0);
        hold(phase);

        tally.enter(Tally.Phase.clean("jwks unreachable"));
        jwks.cut();
        expect(!reachable(jwks.uri()), "the JWKS proxy still answered after it was cut");
        jwksOutage(servers);
        tally.enter(Tally.Phase.clean("jwks back"));
        jwks.open();
        hold(phase);

        tally.enter(Tally.Phase.clean("end"));
        hold(phase.dividedBy(2));
        ServerJmx.Reading backendEnd = reading(servers.steady);
        System.out.printf(Locale.ROOT, "%n%-28s %14s %14s %10s %10s%n", "server (under load)", "heap start MiB",
                "heap end MiB", "threads", "threads");
        for (int i = 0; i < edgeStart.length; i++) {
            flat(servers.edges.count() == 1 ? "edge" : "edge node " + (i + 1), edgeStart[i], reading(servers.edges.node(i)));
        }
        flat("backend (steady)", backendStart, backendEnd);
    }

    /**
     * One edge node killed under load (SIGKILL) and later started again: nobody signs in again. The only failures
     * allowed are requests in flight on the killed node, which the balancer answers with its own 502 or 503 page
     * or cuts off, until its checks take the node out; then the other nodes serve every session, and the restarted
     * node serves them again.
     */
    private void edgeNodeKilled(Servers servers) throws Exception {
        // A sign-in whose callback was in flight on the node: the dying node redeemed the code, the balancer sent the
        // callback on to another node, which finds the code spent. That browser is sent to sign in afresh.
        Tally.Phase killed = new Tally.Phase("edge node killed", (caller, outcome) -> IN_FLIGHT.contains(outcome)
                || caller.equals(SoakLoad.SIGN_IN) && outcome.equals(SIGN_IN_CUT_OFF));
        tally.enter(killed);
        servers.edges.kill(0);
        hold(phase);
        tally.enter(new Tally.Phase("edge node starting", killed.allowed()));
        servers.edges.restart(0, START_DEADLINE);
        tally.enter(Tally.Phase.clean("edge node back"));
        hold(phase);
    }

    /**
     * Keeps the JWKS cut for a phase, and longer if need be (up to the key cache time and a minute) until both backends
     * have tried to refetch keys and failed: the outage must cross a key cache's expiry to prove anything.
     */
    private void jwksOutage(Servers servers) throws Exception {
        Instant start = Instant.now();
        long steadyBefore = keyFetchFailures(servers.steady);
        long restartedBefore = keyFetchFailures(servers.restarted);
        hold(phase);
        Instant limit = start.plus(jwksCacheTime).plusSeconds(60);
        while (Instant.now().isBefore(limit) && (keyFetchFailures(servers.steady) == steadyBefore
                || keyFetchFailures(servers.restarted) == restartedBefore)) {
            hold(Duration.ofSeconds(2));
        }
        long steady = keyFetchFailures(servers.steady) - steadyBefore;
        long restarted = keyFetchFailures(servers.restarted) - restartedBefore;
        System.out.printf(Locale.ROOT, "JWKS cut for %d s: key fetches failed %d times (steady) and %d times"
                + " (restarted); their cached keys carried on%n", Duration.between(start, Instant.now()).toSeconds(),
                steady, restarted);
        expect(steady > 0 && restarted > 0, "a backend never tried to refetch keys while the JWKS was cut");
    }

    /** Waits (up to the key cache time and a minute) until both backends fetched the edge's keys again. */
    private void awaitKeyFetches(Servers servers) throws Exception {
        long steady = keyFetches(servers.steady);
        long restarted = keyFetches(servers.restarted);
        Instant start = Instant.now();
        Instant limit = start.plus(jwksCacheTime).plusSeconds(60);
        while (keyFetches(servers.steady) == steady || keyFetches(servers.restarted) == restarted) {
            if (Instant.now().isAfter(limit)) {
                failures.add("a backend did not fetch the edge's keys again within its key cache time");
                return;
            }
            hold(Duration.ofSeconds(1));
        }
        System.out.printf(Locale.ROOT, "both backends fetched the edge's keys again, %d s after the next key was"
                + " published%n", Duration.between(start, Instant.now()).toSeconds());
    }

    private long keyFetches(PayaraMicro backend) throws Exception {
        try (ServerJmx jmx = ServerJmx.attach(backend.pid())) {
            return jmx.sum("BackendFilter", "KeyFetches");
        }
    }

    private long keyFetchFailures(PayaraMicro backend) throws Exception {
        try (ServerJmx jmx = ServerJmx.attach(backend.pid())) {
            return jmx.sum("BackendFilter", "KeyFetchFailures");
        }
    }

    private static ServerJmx.Reading reading(PayaraMicro server) throws Exception {
        try (ServerJmx jmx = ServerJmx.attach(server.pid())) {
            return jmx.reading();
        }
    }

    /** Heap after GC within 25% plus 16 MiB of the start, and at most 16 threads more. */
    private void flat(String name, ServerJmx.Reading start, ServerJmx.Reading end) {
        System.out.printf(Locale.ROOT, "%-28s %14d %14d %10d %10d%n", name, start.heapMib(), end.heapMib(),
                start.threads(), end.threads());
        long heapBound = start.heapAfterGcBytes() + start.heapAfterGcBytes() / 4 + 16L * 1024 * 1024;
        expect(end.heapAfterGcBytes() <= heapBound, name + ": heap after GC grew from " + start.heapMib() + " to "
                + end.heapMib() + " MiB");
        expect(end.threads() <= start.threads() + 16, name + ": threads grew from " + start.threads() + " to "
                + end.threads());
    }

    private List<SoakLoad.Caller> callers(EdgeNodes edge, MockProvider provider) throws Exception {
        List<SoakLoad.Caller> callers = new ArrayList<>();
        ExecutorService signIns = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> cookies = new ArrayList<>();
            for (int i = 0; i < browsers; i++) {
                cookies.add(signIns.submit(() -> EdgeCallers.signIn(edge.uri("/api/steady/hello"), edge.tls())));
            }
            for (int i = 0; i < browsers; i++) {
                String route = i % 2 == 0 ? "steady" : "restarted";
                callers.add(new SoakLoad.Caller("browser/" + route, edge.uri("/api/" + route + "/hello"), "Cookie",
                        cookies.get(i).get(), EdgeCallers.USER));
            }
        } finally {
            signIns.shutdown();
        }
        for (int i = 0; i < apiClients; i++) {
            String route = i % 2 == 0 ? "steady" : "restarted";
            String token = EdgeCallers.clientToken(provider.issuer(), "reporting-job", "reporting-secret", "edge:api");
            callers.add(new SoakLoad.Caller("api/" + route, edge.uri("/api/" + route + "/hello"), "Authorization",
                    "Bearer " + token, "reporting-job"));
        }
        System.out.printf(Locale.ROOT, "signed in %d browsers through the edge; %d API clients hold tokens%n",
                browsers, apiClients);
        return callers;
    }

    /**
     * What every kind of caller must get at least in a clean phase: as many 200s as there are callers of the kind
     * (each caller once, on average), and one sign-in and one sign-out.
     */
    private static Map<String, Long> minimums(List<SoakLoad.Caller> callers) {
        Map<String, Long> minimums = new TreeMap<>(callers.stream().collect(
                Collectors.groupingBy(SoakLoad.Caller::name, Collectors.counting())));
        minimums.put(SoakLoad.SIGN_IN, 1L);
        minimums.put(SoakLoad.SIGN_OUT, 1L);
        return minimums;
    }

    private Map<String, String> edgeEnvironment(Servers servers, Path signingKey, Path nextKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EDGEAUTH_EDGE_ISSUER", servers.provider.issuer());
        env.put("EDGEAUTH_EDGE_CLIENT_ID", "edge");
        env.put("EDGEAUTH_EDGE_CLIENT_SECRET", "edge-secret");
        env.put("EDGEAUTH_EDGE_BEARER_AUDIENCE", "edge-api");
        env.put("EDGEAUTH_EDGE_SIGNING_KEY", signingKey.toString());
        env.put("EDGEAUTH_EDGE_NEXT_KEY", nextKey.toString());
        env.put("EDGEAUTH_EDGE_KEY_CHECK_INTERVAL", "2s");
        env.put("EDGEAUTH_EDGE_ROUTE_STEADY", servers.steadyUri());
        env.put("EDGEAUTH_EDGE_ROUTE_RESTARTED", servers.restartedUri());
        // Both backends are the same WAR at the same path: each route is mounted at a path of its own.
        env.put("EDGEAUTH_EDGE_MOUNT_STEADY", "/api/steady");
        env.put("EDGEAUTH_EDGE_MOUNT_RESTARTED", "/api/restarted");
        return env;
    }

    /** The kids the edge publishes, current first; none while it cannot be asked. */
    private List<String> published(URI edgeJwks) {
        try {
            String body = http.send(HttpRequest.newBuilder(edgeJwks).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return JWKSet.parse(body).getKeys().stream().map(JWK::getKeyID).toList();
        } catch (IOException | java.text.ParseException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The provider, the two backends and the edge; the soak stops and starts some of them. */
    private final class Servers implements AutoCloseable {
        final int providerPort = Ports.free();
        private final int steadyPort = Ports.free();
        private final int restartedPort = Ports.free();
        private final Path runDir;
        private final Path war;
        MockProvider provider;
        PayaraMicro steady;
        PayaraMicro restarted;
        EdgeNodes edges;

        Servers(Path runDir, Path war) throws IOException {
            this.runDir = runDir;
            this.war = war;
        }

        /** Starts the backend {@code name} (steady or restarted) on its own port. */
        PayaraMicro backend(String name) throws IOException {
            return PayaraMicro.start(name, dir.resolve("payara-micro.jar"), war, ROUTE_PATH,
                    name.equals("steady") ? steadyPort : restartedPort, runDir, Map.of(), List.of());
        }

        String steadyUri() {
            return "http://127.0.0.1:" + steadyPort + ROUTE_PATH;
        }

        String restartedUri() {
            return "http://127.0.0.1:" + restartedPort + ROUTE_PATH;
        }

        @Override
        public void close() {
            for (AutoCloseable server : java.util.Arrays.asList(edges, restarted, steady, provider)) {
                try {
                    if (server != null) {
                        server.close();
                    }
                } catch (Exception e) {
                    System.out.println("could not stop a server: " + e);
                }
            }
        }
    }

    /** Writes {@code key} (private, as a JWK set) over {@code file} in one move, as a mounted secret changes. */
    private static Path replace(Path file, JWK key) throws IOException {
        Path temp = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), new JWKSet(key).toString(false));
        return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private boolean reachable(URI uri) {
        try {
            http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Polls {@code condition} every 200 ms for up to two minutes. */
    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                failures.add("timed out waiting until " + what);
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Lets the load run on for {@code time}: the length of a phase, not a wait for a server. */
    private static void hold(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
    }

    private void expect(boolean condition, String failure) {
        if (!condition) {
            failures.add(failure);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
