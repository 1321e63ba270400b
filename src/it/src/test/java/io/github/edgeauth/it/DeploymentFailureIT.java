package io.github.edgeauth.it;

import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend whose settings are wrong fails its deployment with one message naming the setting, and the demo
 * (which waits for it the same way) says so at once instead of waiting out its deadline.
 */
class DeploymentFailureIT {

    @Test
    void ordersWithAServiceIssuerButNoAudienceStopsTheWaitAtOnceNamingTheSetting() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("failing");
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        // What the README's real-provider paragraph once asked for: the service issuer, for every process.
        try (PayaraMicro orders = PayaraMicro.start("orders", demo.resolve("payara-micro.jar"),
                demo.resolve("orders-war.war"), "/orders", Ports.free(), dir,
                Map.of("EDGEAUTH_CONTEXT_JWKS_URL", "http://127.0.0.1:9/jwks.json",
                        "EDGEAUTH_SERVICE_ISSUER", "http://127.0.0.1:9/realms/shop"), List.of())) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> orders.awaitReady("/orders/health", Duration.ofMinutes(4)));
            assertTrue(failure.getMessage().contains("edgeauth.service.audience"), failure.getMessage());
            assertTrue(failure.getMessage().contains(orders.log().toString()), failure.getMessage());
        }
    }
}
