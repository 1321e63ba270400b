package io.github.edgeauth.it.javax;

import no.nav.security.mock.oauth2.MockOAuth2Server;

import java.util.List;

/**
 * The client feature's settings for the legacy WAR's report page, as system properties: Tomcat runs in this JVM,
 * and a system property is one of the sources an admin configures the feature with (docs/settings.md).
 */
final class ClientSettings {
    private static final List<String> NAMES = List.of("edgeauth.client.inventory.token-endpoint",
            "edgeauth.client.inventory.client-id", "edgeauth.client.inventory.client-secret",
            "edgeauth.client.inventory.base-urls", "reporting.inventory.url");

    private ClientSettings() {
    }

    /** The report page calls {@code provider}'s userinfo, as client {@code reporting}. */
    static void set(MockOAuth2Server provider) {
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        System.setProperty(NAMES.get(0), issuer + "/token");
        System.setProperty(NAMES.get(1), "reporting");
        System.setProperty(NAMES.get(2), "reporting-secret");
        System.setProperty(NAMES.get(3), issuer + "/");
        System.setProperty(NAMES.get(4), issuer + "/userinfo");
    }

    static void clear() {
        NAMES.forEach(System::clearProperty);
    }
}
