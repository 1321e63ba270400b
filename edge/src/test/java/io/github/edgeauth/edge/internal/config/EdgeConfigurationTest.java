package io.github.edgeauth.edge.internal.config;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Settings;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeConfigurationTest {
    @TempDir
    Path dir;

    /** Read in development mode, as most tests here need no signing key of their own. */
    private static EdgeConfiguration read(Map<String, String> settings) {
        return EdgeConfiguration.read(Settings.of(settings, Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")));
    }

    private static String failure(Map<String, String> settings) {
        return assertThrows(ConfigurationException.class, () -> read(settings)).getMessage();
    }

    private Path pemPrivateKey(JWK key) throws Exception {
        byte[] der = key instanceof RSAKey rsa ? rsa.toRSAPrivateKey().getEncoded() : ((ECKey) key).toECPrivateKey().getEncoded();
        Path file = dir.resolve("edge-" + key.getKeyID() + ".pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    @Test
    void theConfigurationsTextNamesTheSigningKeyButNeverHoldsItsPrivatePart() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("edge-key-1").generate();
        Path file = Files.writeString(dir.resolve("signing.json"), new com.nimbusds.jose.jwk.JWKSet(key).toString(false));
        EdgeConfiguration config = read(Map.of("edgeauth.edge.signing-key", file.toString()));

        String text = config.toString();
        assertTrue(text.contains("edge-key-1"), text);
        assertFalse(text.contains(key.getPrivateExponent().toString()), "the private exponent is in the text");
        assertFalse(text.contains(key.getFirstPrimeFactor().toString()), "a prime factor is in the text");
    }

    @Test
    void aBackendTimeoutOfZeroWhichTheHttpClientWouldTakeForNoTimeoutFailsTheDeploymentNamingIt() {
        for (String name : new String[] {"edgeauth.edge.connect-timeout", "edgeauth.edge.response-timeout"}) {
            String message = failure(Map.of(name, "0s"));
            assertTrue(message.contains(name) && message.contains("positive"), message);
        }
        assertEquals(java.time.Duration.ofSeconds(30), read(Map.of()).responseTimeout());
    }

    @Test
    void withNoKeyOutsideDevelopmentModeTheDeploymentFailsNamingTheSigningKey() {
        String message = assertThrows(ConfigurationException.class,
                () -> EdgeConfiguration.read(Settings.of(Map.of(), Map.of()))).getMessage();
        assertTrue(message.contains("edgeauth.edge.signing-key"), message);
        assertTrue(message.contains("edgeauth.edge.development"), message);
    }

    @Test
    void outsideDevelopmentModeThePublicUrlIsRequiredAnOriginAndHttpsUnlessLoopback() throws Exception {
        Map<String, String> keyed = Map.of("edgeauth.edge.signing-key",
                pemPrivateKey(new RSAKeyGenerator(2048).keyID("k").generate()).toString());
        java.util.function.Function<Map<String, String>, String> failureWith = extra -> {
            Map<String, String> all = new java.util.HashMap<>(keyed);
            all.putAll(extra);
            return assertThrows(ConfigurationException.class,
                    () -> EdgeConfiguration.read(Settings.of(all, Map.of()))).getMessage();
        };
        assertTrue(failureWith.apply(Map.of()).contains("edgeauth.edge.public-url"));
        assertTrue(failureWith.apply(Map.of("edgeauth.edge.public-url", "http://shop.example.com"))
                .contains("must be an https URL"));
        assertTrue(failureWith.apply(Map.of("edgeauth.edge.public-url", "https://shop.example.com/app"))
                .contains("origin only"));
        assertTrue(failureWith.apply(Map.of("edgeauth.edge.public-url", "shop.example.com"))
                .contains("edgeauth.edge.public-url"));
        Map<String, String> loopback = new java.util.HashMap<>(keyed);
        loopback.put("edgeauth.edge.public-url", "http://localhost:8080/");
        assertEquals(java.util.Optional.of("http://localhost:8080"),
                EdgeConfiguration.read(Settings.of(loopback, Map.of())).publicOrigin().fixed());
        loopback.put("edgeauth.edge.public-url", "https://Shop.Example.com:443");
        assertEquals(java.util.Optional.of("https://shop.example.com"),
                EdgeConfiguration.read(Settings.of(loopback, Map.of())).publicOrigin().fixed());
    }

    @Test
    void withNoKeyInDevelopmentModeAnEphemeralRsaKeyIsGenerated() {
        EdgeConfiguration config = read(Map.of());
        assertTrue(config.keys().ephemeral());
        assertEquals("RSA", config.keys().current().getKeyType().getValue());
        assertTrue(config.routes().isEmpty());
        assertTrue(config.stripHeaders().contains("x-user-context"));
        assertTrue(config.stripHeaders().contains("x-forwarded-user"));
    }

    @Test
    void es256GeneratesAnEcKey() {
        assertEquals("EC", read(Map.of("edgeauth.edge.algorithm", "ES256")).keys().current().getKeyType().getValue());
    }

    @Test
    void pemSigningKeyIsLoadedAndTheNextKeyPublishedBesideIt() throws Exception {
        JWK current = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        JWK next = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        EdgeConfiguration config = read(Map.of("edgeauth.edge.signing-key", pemPrivateKey(current).toString(),
                "edgeauth.edge.next-key", pemPrivateKey(next).toString()));
        assertFalse(config.keys().ephemeral());
        assertEquals(current.getKeyID(), config.keys().current().getKeyID());
        assertEquals(2, config.keys().publicSet().getKeys().size());
        assertFalse(config.keys().publicSet().toString(false).contains("\"d\""));
    }

    @Test
    void keyOfTheWrongTypeForTheAlgorithmNamesTheSetting() throws Exception {
        JWK rsa = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        String message = failure(Map.of("edgeauth.edge.signing-key", pemPrivateKey(rsa).toString(),
                "edgeauth.edge.algorithm", "ES256"));
        assertTrue(message.contains("edgeauth.edge.signing-key"), message);
    }

    @Test
    void routesComeFromPrefixedSettingsWithPerRouteAudiences() {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.edge.route.orders", "http://127.0.0.1:8081/orders");
        settings.put("edgeauth.edge.route.payroll", "http://127.0.0.1:8083/payroll");
        settings.put("edgeauth.edge.audience.payroll", "hr");
        settings.put("edgeauth.context.audience", "shop");
        EdgeConfiguration config = read(settings);
        assertEquals("shop", config.routes().get("orders").audience());
        assertEquals("hr", config.routes().get("payroll").audience());
    }

    @Test
    void theSharedContextSettingsAreReadUnderTheirOneName() {
        EdgeConfiguration config = read(Map.of("edgeauth.context.header", "X-Team-Context",
                "edgeauth.context.issuer", "team-edge"));
        assertEquals("X-Team-Context", config.contextHeader());
        assertEquals("team-edge", config.id());
    }

    @Test
    void theFormerEdgeNamesStillWorkWhenTheSharedOnesAreUnset() {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.edge.route.orders", "http://127.0.0.1:8081/orders");
        settings.put("edgeauth.edge.id", "old-edge");
        settings.put("edgeauth.edge.context-header", "X-Old-Context");
        settings.put("edgeauth.edge.audience", "old-group");
        EdgeConfiguration config = read(settings);
        assertEquals("old-edge", config.id());
        assertEquals("X-Old-Context", config.contextHeader());
        assertEquals("old-group", config.routes().get("orders").audience());
    }

    @Test
    void routeThatIsNoUrlNamesItsSetting() {
        assertTrue(failure(Map.of("edgeauth.edge.route.orders", "orders-service")).contains("edgeauth.edge.route.orders"));
    }

    @Test
    void audienceForAnUnknownRouteNamesItsSetting() {
        assertTrue(failure(Map.of("edgeauth.edge.audience.nowhere", "x")).contains("edgeauth.edge.audience.nowhere"));
    }

    @Test
    void ecKeyFromAnotherCurveIsRefused() throws Exception {
        JWK p384 = new ECKeyGenerator(Curve.P_384).keyIDFromThumbprint(true).generate();
        Path file = dir.resolve("p384.json");
        Files.writeString(file, new com.nimbusds.jose.jwk.JWKSet(p384).toString(false));
        assertTrue(failure(Map.of("edgeauth.edge.signing-key", file.toString(), "edgeauth.edge.algorithm", "ES256"))
                .contains("edgeauth.edge.signing-key"));
    }
}
