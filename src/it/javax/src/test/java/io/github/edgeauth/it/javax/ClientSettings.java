package io.github.edgeauth.it.javax;

import no.nav.security.mock.oauth2.MockOAuth2Server;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The client feature's settings for the WARs' report page, as system properties, one of the sources an admin
 * configures the feature with (docs/settings.md): in this JVM for the embedded Tomcat, on the command line for the
 * other servers.
 */
final class ClientSettings {
    private static final List<String> NAMES = List.of("edgeauth.client.inventory.token-endpoint",
            "edgeauth.client.inventory.client-id", "edgeauth.client.inventory.client-secret",
            "edgeauth.client.inventory.scopes", "edgeauth.client.inventory.base-urls", "reporting.inventory.url",
            "edgeauth.service.issuer", "edgeauth.service.audience");

    private ClientSettings() {
    }

    /**
     * The report page of the WAR at {@code backend} (its base URL) calls that WAR's own {@code /whoami} with a service
     * token from {@code provider} (scope {@code inventory:read}, audience {@code inventory}) and the caller's context,
     * and the WAR's filter takes {@code provider}'s tokens for that audience: in this JVM.
     */
    static void set(MockOAuth2Server provider, String backend) {
        List<String> values = values(provider, backend);
        for (int i = 0; i < NAMES.size(); i++) {
            System.setProperty(NAMES.get(i), values.get(i));
        }
    }

    /** The same, as {@code -D} options for a server's JVM. */
    static List<String> options(MockOAuth2Server provider, String backend) {
        List<String> values = values(provider, backend);
        return IntStream.range(0, NAMES.size()).mapToObj(i -> "-D" + NAMES.get(i) + "=" + values.get(i)).toList();
    }

    private static List<String> values(MockOAuth2Server provider, String backend) {
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        return List.of(issuer + "/token", "orders-service", "orders-secret", "inventory:read", backend + "/",
                backend + "/whoami", issuer, "inventory");
    }

    static void clear() {
        NAMES.forEach(System::clearProperty);
    }
}
