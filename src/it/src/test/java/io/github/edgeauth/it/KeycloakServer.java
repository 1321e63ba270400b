package io.github.edgeauth.it;

import io.github.edgeauth.demo.Readiness;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak from Maven Central's server distribution, in dev mode on 127.0.0.1, with the realm in
 * {@code src/test/resources/keycloak} imported at start. {@code kc.sh} runs Java as a child: stopping
 * stops both.
 */
final class KeycloakServer implements AutoCloseable {
    static final String REALM = "edgeauth";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password";

    private final Process process;
    private final int port;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static KeycloakServer start(Path home, int port, Path workDir) throws IOException {
        // A fresh database each run: Keycloak skips the import of a realm it already has.
        Path database = home.resolve("data").resolve("h2");
        if (Files.exists(database)) {
            try (var paths = Files.walk(database)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        Path imports = home.resolve("data").resolve("import");
        Files.createDirectories(imports);
        Files.copy(Path.of(System.getProperty("edgeauth.it.resources")).resolveSibling("keycloak")
                .resolve("edgeauth-realm.json"), imports.resolve("edgeauth-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Path tmp = workDir.resolve("keycloak-tmp");
        Files.createDirectories(tmp);
        Path kc = home.resolve("bin").resolve("kc.sh");
        kc.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(List.of(kc.toString(), "start-dev", "--http-port=" + port,
                "--http-host=127.0.0.1", "--import-realm"))
                .redirectErrorStream(true).redirectOutput(workDir.resolve("keycloak.log").toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp);
        return new KeycloakServer(builder.start(), port);
    }

    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Polls the realm's discovery document until it answers, failing at {@code deadline}. */
    KeycloakServer awaitReady(Duration deadline) {
        Readiness.await("Keycloak", process, URI.create(issuer() + "/.well-known/openid-configuration"),
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
