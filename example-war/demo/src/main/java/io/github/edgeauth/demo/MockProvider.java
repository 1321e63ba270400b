package io.github.edgeauth.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's OIDC provider: mock-oauth2-server in its own JVM on a loopback port, with its interactive
 * login page and the token mappings in {@code mock-provider.json} (a service token for orders calling
 * inventory, and one for API clients calling the edge).
 */
public final class MockProvider implements AutoCloseable {
    /** The provider's settings, shared with the integration tests. */
    public static final String CONFIG_RESOURCE = "/io/github/edgeauth/demo/mock-provider.json";

    private final Process process;
    private final int port;

    private MockProvider(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The JSON configuration, with {@code interactiveLogin} as given. */
    public static String config(boolean interactiveLogin) {
        try (InputStream in = MockProvider.class.getResourceAsStream(CONFIG_RESOURCE)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return json.replace("\"interactiveLogin\": true", "\"interactiveLogin\": " + interactiveLogin);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + CONFIG_RESOURCE, e);
        }
    }

    public static MockProvider start(int port, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(List.of(PayaraMicro.javaBinary(), "-Xmx256m",
                "-Djava.io.tmpdir=" + workDir, "-cp", System.getProperty("java.class.path"),
                "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"))
                .redirectErrorStream(true).redirectOutput(workDir.resolve("provider.log").toFile());
        builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("JSON_CONFIG", config(true));
        return new MockProvider(builder.start(), port);
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + "/default";
    }

    /** Polls the discovery document until it answers, failing at {@code deadline}. */
    public MockProvider awaitReady(Duration deadline) {
        Readiness.await("the provider", process, URI.create(issuer() + "/.well-known/openid-configuration"),
                status -> status == 200, deadline, Duration.ofMillis(200));
        return this;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
