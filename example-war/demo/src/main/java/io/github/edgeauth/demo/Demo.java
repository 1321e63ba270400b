package io.github.edgeauth.demo;

import io.github.edgeauth.testkit.MockProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mvnw -Pdemo}: starts an OIDC provider (mock-oauth2-server with its login page, unless
 * {@code EDGEAUTH_EDGE_ISSUER} names a real one), the edge on 8080 and the backends on 8081 and 8082, all on
 * loopback; prints one ready line; stops everything on Ctrl-C. Ports: {@code EDGEAUTH_DEMO_EDGE_PORT},
 * {@code EDGEAUTH_DEMO_ORDERS_PORT}, {@code EDGEAUTH_DEMO_INVENTORY_PORT}, {@code EDGEAUTH_DEMO_PROVIDER_PORT}.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.demo.dir", "example-war/demo/target/demo"));
        Path work = dir.resolve("run");
        int edgePort = port("EDGEAUTH_DEMO_EDGE_PORT", 8080);
        int ordersPort = port("EDGEAUTH_DEMO_ORDERS_PORT", 8081);
        int inventoryPort = port("EDGEAUTH_DEMO_INVENTORY_PORT", 8082);
        int providerPort = port("EDGEAUTH_DEMO_PROVIDER_PORT", 9000);

        CountDownLatch stopped = new CountDownLatch(1);
        AutoCloseable[] running = new AutoCloseable[2];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable closeable : running) {
                try {
                    if (closeable != null) {
                        closeable.close();
                    }
                } catch (Exception ignored) {
                    // stop the rest
                }
            }
            System.out.println("edgeauth demo stopped");
            stopped.countDown();
        }, "edgeauth-demo-stop"));

        String issuer = System.getenv("EDGEAUTH_EDGE_ISSUER");
        if (issuer == null || issuer.isBlank()) {
            MockProvider provider = MockProvider.start(providerPort, work.resolve("provider"));
            running[0] = provider;
            provider.awaitReady(Duration.ofSeconds(60));
            issuer = provider.issuer();
            System.out.println("edgeauth demo: provider " + issuer + " (log in with any name; claims such as"
                    + " {\"roles\":[\"admin\"],\"email\":\"alice@example.test\"} are optional)");
        } else {
            System.out.println("edgeauth demo: provider " + issuer + " (from EDGEAUTH_EDGE_ISSUER)");
        }
        DemoSystem.Layout layout = DemoSystem.Layout.of(dir, work, edgePort, ordersPort, inventoryPort);
        try {
            // The one origin the demo prints, so the sign-in's cookies and redirect URI name the same host.
            running[1] = DemoSystem.start(layout, issuer, Map.of("EDGEAUTH_EDGE_PUBLIC_URL", "http://localhost:" + edgePort),
                    Duration.ofMinutes(3));
        } catch (IllegalStateException e) {
            System.out.println("edgeauth demo failed: " + e.getMessage());
            System.out.println("edgeauth demo: logs are under " + work.toAbsolutePath());
            System.exit(1);
        }
        System.out.println("edgeauth demo ready: http://localhost:" + edgePort + "/");
        stopped.await();
    }

    private static int port(String env, int fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
