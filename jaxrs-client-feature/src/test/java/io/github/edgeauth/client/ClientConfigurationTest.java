package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Settings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's settings are checked when its feature is made: the token endpoint and the issuer are https,
 * unless their host is loopback or {@code edgeauth.client.development} is on; the downstream base URLs are the
 * application's own targets and are not.
 */
class ClientConfigurationTest {

    /** A client {@code inventory} that gets its tokens from {@code tokenEndpoint}. */
    private static Map<String, String> settings(String tokenEndpoint) {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.client.inventory.token-endpoint", tokenEndpoint);
        settings.put("edgeauth.client.inventory.client-id", "orders-service");
        settings.put("edgeauth.client.inventory.client-secret", "s3cret");
        settings.put("edgeauth.client.inventory.base-urls", "http://inventory.internal:8080/api");
        return settings;
    }

    /** The same client finding its token endpoint through {@code issuer}. */
    private static Map<String, String> withIssuer(String issuer) {
        Map<String, String> settings = settings("unused");
        settings.remove("edgeauth.client.inventory.token-endpoint");
        settings.put("edgeauth.client.inventory.issuer", issuer);
        return settings;
    }

    private static ClientConfiguration read(Map<String, String> settings) {
        return ClientConfiguration.read("inventory", Settings.of(settings, Map.of()));
    }

    private static String failure(Map<String, String> settings) {
        return assertThrows(ConfigurationException.class, () -> read(settings)).getMessage();
    }

    @Test
    void plainHttpTokenEndpointOnAnotherHostFailsNamingTheSetting() {
        String message = failure(settings("http://idp.example.com/realms/shop/token"));
        assertTrue(message.startsWith("edgeauth: setting edgeauth.client.inventory.token-endpoint"
                + " (env EDGEAUTH_CLIENT_INVENTORY_TOKEN_ENDPOINT)") && message.contains("must be an https URL"),
                message);
    }

    @Test
    void plainHttpIssuerOnAnotherHostFailsNamingTheSetting() {
        String message = failure(withIssuer("http://idp.example.com/realms/shop"));
        assertTrue(message.startsWith("edgeauth: setting edgeauth.client.inventory.issuer"
                + " (env EDGEAUTH_CLIENT_INVENTORY_ISSUER)") && message.contains("must be an https URL"), message);
    }

    @Test
    void tokenEndpointAndIssuerMayBePlainHttpOnLoopbackAndHttpsAnywhere() {
        for (String base : List.of("http://127.0.0.1:8180/realms/shop", "http://localhost:8180/realms/shop",
                "http://[::1]:8180/realms/shop", "https://idp.example.com/realms/shop")) {
            assertEquals(Optional.of(URI.create(base + "/token")), read(settings(base + "/token")).tokenEndpoint(), base);
            assertEquals(Optional.of(URI.create(base)), read(withIssuer(base)).issuer(), base);
        }
    }

    @Test
    void developmentModeAcceptsPlainHttpTokenEndpointAndIssuerOnAnyHost() {
        Map<String, String> endpoint = settings("http://idp.example.com/realms/shop/token");
        endpoint.put("edgeauth.client.development", "true");
        ClientConfiguration config = read(endpoint);
        assertTrue(config.development());
        assertEquals(Optional.of(URI.create("http://idp.example.com/realms/shop/token")), config.tokenEndpoint());
        Map<String, String> issuer = withIssuer("http://idp.example.com/realms/shop");
        issuer.put("edgeauth.client.development", "true");
        assertEquals(Optional.of(URI.create("http://idp.example.com/realms/shop")), read(issuer).issuer());
    }

    @Test
    void developmentModeIsOffByDefaultAndTakesOnlyTrueOrFalse() {
        Map<String, String> settings = settings("https://idp.example.com/realms/shop/token");
        assertFalse(read(settings).development());
        settings.put("edgeauth.client.development", "yes");
        String message = failure(settings);
        assertTrue(message.contains("edgeauth.client.development (env EDGEAUTH_CLIENT_DEVELOPMENT)")
                && message.contains("true or false"), message);
    }

    @Test
    void downstreamBaseUrlsMayBePlainHttpOnAnyHost() {
        ClientConfiguration config = read(settings("https://idp.example.com/realms/shop/token"));
        assertEquals(List.of(URI.create("http://inventory.internal:8080/api")), config.downstreams().bases());
        assertFalse(config.development());
    }
}
