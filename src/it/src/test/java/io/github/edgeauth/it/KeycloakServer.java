package io.github.edgeauth.it;

import io.github.edgeauth.testkit.Readiness;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak from Maven Central's server distribution, in dev mode on 127.0.0.1, with the realm made by
 * {@code docs/keycloak/setup-realm.sh}, the script the docs give teams. {@code kc.sh} runs Java as a child:
 * stopping stops both.
 */
final class KeycloakServer implements AutoCloseable {
    static final String REALM = "shop";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password";
    /** The secrets the realm script gives the clients; the demo's defaults. */
    static final Map<String, String> SECRETS = Map.of("EDGE_CLIENT_SECRET", "edge-secret",
            "ORDERS_CLIENT_SECRET", "orders-secret", "REPORTING_CLIENT_SECRET", "reporting-secret");
    static final String USER = "alice";
    static final String USER_PASSWORD = "alice-password";

    private final Process process;
    private final int port;
    private final Path home;
    private final Path workDir;

    private KeycloakServer(Process process, int port, Path home, Path workDir) {
        this.process = process;
        this.port = port;
        this.home = home;
        this.workDir = workDir;
    }

    static KeycloakServer start(Path home, int port, Path workDir) throws IOException {
        // A fresh database each run.
        Path database = home.resolve("data").resolve("h2");
        if (Files.exists(database)) {
            try (var paths = Files.walk(database)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        Path tmp = workDir.resolve("keycloak-tmp");
        Files.createDirectories(tmp);
        Path kc = home.resolve("bin").resolve("kc.sh");
        kc.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(List.of(kc.toString(), "start-dev", "--http-port=" + port,
                "--http-host=127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(workDir.resolve("keycloak.log").toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp);
        return new KeycloakServer(builder.start(), port, home, workDir);
    }

    /**
     * Makes the realm with the docs' own script, for an edge at {@code edgeUrl}, as a team would run it;
     * fails with the script's output when it fails.
     */
    KeycloakServer setUpRealm(String edgeUrl, Path script) throws IOException, InterruptedException {
        Path kcadm = home.resolve("bin").resolve("kcadm.sh");
        kcadm.toFile().setExecutable(true);
        Path log = workDir.resolve("setup-realm.log");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(SECRETS);
        builder.environment().put("KCADM", kcadm.toString());
        builder.environment().put("KEYCLOAK_URL", "http://127.0.0.1:" + port);
        builder.environment().put("KEYCLOAK_ADMIN", ADMIN);
        builder.environment().put("KEYCLOAK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("EDGE_URL", edgeUrl);
        builder.environment().put("REALM", REALM);
        builder.environment().put("FIRST_USER", USER);
        builder.environment().put("FIRST_USER_PASSWORD", USER_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + workDir.resolve("keycloak-tmp"));
        Process run = builder.start();
        if (!run.waitFor(5, TimeUnit.MINUTES) || run.exitValue() != 0) {
            run.destroyForcibly();
            throw new IllegalStateException("docs/keycloak/setup-realm.sh failed:\n" + Files.readString(log));
        }
        return this;
    }

    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Polls the master realm's discovery document until it answers, failing at {@code deadline}. */
    KeycloakServer awaitReady(Duration deadline) {
        Readiness.await("Keycloak", process, uri("/realms/master/.well-known/openid-configuration"),
                status -> status == 200, deadline, Duration.ofMillis(500));
        return this;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
