package io.github.edgeauth.testkit;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The OIDC provider the demo, the integration tests and the benchmarks sign in at: mock-oauth2-server on a
 * loopback port, with its interactive login page and the token mappings in {@code mock-provider.json} (a service
 * token for orders calling inventory, a back-channel logout token, and one for API clients calling the edge).
 * Either in a JVM of its own ({@link #start}: the demo, the benchmarks) or in this one ({@link #inThisJvm}: the
 * tests, which read what it was asked).
 */
public final class MockProvider implements AutoCloseable {
    /** The provider's settings. */
    public static final String CONFIG_RESOURCE = "/io/github/edgeauth/testkit/mock-provider.json";

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

    /**
     * The configuration with the login page, served by mock-oauth2-server's MockWebServer-based server instead of
     * Netty: it keeps every request it answered ({@code MockOAuth2Server.takeRequest}), so a test can count the
     * token requests.
     */
    public static String recordingConfig() {
        return config(true).replace("\"NettyWrapper\"", "\"MockWebServerWrapper\"");
    }

    /** Starts it in a JVM of its own, from this JVM's class path, its log and temp files in {@code workDir}. */
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

    /** Starts it in this JVM on 127.0.0.1, with the login page ({@link #config config(true)}); see below. */
    public static MockOAuth2Server inThisJvm(int port) {
        return inThisJvm(config(true), port);
    }

    /**
     * Starts mock-oauth2-server configured by {@code json} in this JVM on 127.0.0.1:{@code port}; 0 for any free
     * port. A given port may still be held for a moment by the provider of the test class before, which used the
     * same one and whose shutdown ends asynchronously: binding is tried again until it succeeds, for up to 10 s.
     */
    public static MockOAuth2Server inThisJvm(String json, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(json));
            try {
                server.start(InetAddress.getByName("127.0.0.1"), port);
                return server;
            } catch (Exception e) { // mock-oauth2-server (Kotlin) throws the BindException undeclared
                if (!(rootCause(e) instanceof BindException) || System.nanoTime() > deadline) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling the port, with a deadline
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
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
