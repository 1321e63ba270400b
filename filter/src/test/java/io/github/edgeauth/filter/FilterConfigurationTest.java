package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.TestKeys;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misconfiguration fails at deployment with one message naming the setting, and never prints a secret. */
class FilterConfigurationTest {

    @TempDir
    Path dir;

    private Map<String, String> valid() throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(TestKeys.rsa().toPublicJWK()).toString());
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.context.jwks-file", file.toString());
        return settings;
    }

    private static String failure(Map<String, String> settings) {
        return assertThrows(ConfigurationException.class,
                () -> FilterConfiguration.read(Settings.of(settings, Map.of()))).getMessage();
    }

    @Test
    void defaultsNeedOnlyAKeySource() throws IOException {
        assertFalse(FilterConfiguration.switchedOff(Settings.of(valid(), Map.of())));
        FilterConfiguration config = FilterConfiguration.read(Settings.of(valid(), Map.of()));
        assertTrue(config.identityRequired());
        assertEquals("X-User-Context", config.contextHeader());
        assertEquals("sub", config.principalClaim());
        assertTrue(config.serviceTokens().isEmpty());
    }

    @Test
    void roleClaimSeparatedTakesOnlyTrueOrFalse() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.filter.role-claim-separated", "yes");
        String message = failure(settings);
        assertTrue(message.contains("edgeauth.filter.role-claim-separated")
                && message.contains("EDGEAUTH_FILTER_ROLE_CLAIM_SEPARATED") && message.contains("true or false"), message);
        settings.put("edgeauth.filter.role-claim-separated", "true");
        assertNotNull(FilterConfiguration.read(Settings.of(settings, Map.of())));
    }

    @Test
    void switchedOffNeedsNoOtherSettingButAWrongSwitchStillNamesIt() {
        assertTrue(FilterConfiguration.switchedOff(Settings.of(Map.of("edgeauth.filter.enabled", "false"), Map.of())));
        String message = assertThrows(ConfigurationException.class, () -> FilterConfiguration.switchedOff(
                Settings.of(Map.of("edgeauth.filter.enabled", "off"), Map.of()))).getMessage();
        assertTrue(message.contains("edgeauth.filter.enabled"), message);
    }

    @Test
    void noKeySourceNamesTheSetting() {
        String message = failure(new HashMap<>());
        assertTrue(message.startsWith("edgeauth: setting edgeauth.context.jwks-url (env EDGEAUTH_CONTEXT_JWKS_URL)"),
                message);
    }

    @Test
    void aKeyCacheShorterThanAMinuteNamesTheSetting() {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.context.jwks-url", "http://127.0.0.1:9/jwks.json");
        settings.put("edgeauth.context.jwks-cache-time", "59s");
        String message = failure(settings);
        assertTrue(message.contains("edgeauth.context.jwks-cache-time") && message.contains("at least 60s"), message);
        settings.put("edgeauth.context.jwks-cache-time", "60s");
        assertNotNull(FilterConfiguration.read(Settings.of(settings, Map.of())));
    }

    @Test
    void twoKeySourcesAreRefused() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.context.jwks-url", "http://127.0.0.1:9/jwks.json");
        assertTrue(failure(settings).contains("only one key source"));
    }

    @Test
    void unreadableKeystoreNamesTheSettingAndNotThePassword() throws IOException {
        Path store = dir.resolve("broken.p12");
        Files.writeString(store, "not a keystore");
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.context.keystore-file", store.toString());
        settings.put("edgeauth.context.keystore-password", "s3cret-value");
        String message = failure(settings);
        assertTrue(message.contains("edgeauth.context.keystore-file"), message);
        assertFalse(message.contains("s3cret-value"), message);
    }

    @Test
    void missingKeyFileNamesTheSetting() {
        Map<String, String> settings = Map.of("edgeauth.context.pem-file", dir.resolve("absent.pem").toString());
        assertTrue(failure(settings).contains("edgeauth.context.pem-file"));
    }

    @Test
    void unknownAlgorithmNamesTheSetting() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.context.algorithms", "RS256 XY999");
        assertTrue(failure(settings).contains("edgeauth.context.algorithms"));
    }

    @Test
    void symmetricAlgorithmIsRefused() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.context.algorithms", "HS256");
        assertTrue(failure(settings).contains("symmetric"));
    }

    @Test
    void unknownPolicyNamesTheSetting() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.filter.policy", "sometimes");
        assertTrue(failure(settings).contains("edgeauth.filter.policy"));
    }

    @Test
    void badPathPatternNamesTheSetting() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.filter.required-scopes", "/orders/*/items=orders:read");
        assertTrue(failure(settings).contains("edgeauth.filter.required-scopes"));
    }

    @Test
    void serviceIssuerWithoutAudienceIsRefused() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.service.issuer", "http://127.0.0.1:9/default");
        assertTrue(failure(settings).contains("edgeauth.service.audience"));
    }

    @Test
    void serviceIssuerMustBeAUrl() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.service.issuer", "my-idp");
        assertTrue(failure(settings).contains("edgeauth.service.issuer"));
    }

    @Test
    void plainHttpKeyUrlOnAnotherHostFailsNamingTheSetting() {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.context.jwks-url", "http://keys.example.com/jwks.json");
        String message = failure(settings);
        assertTrue(message.startsWith("edgeauth: setting edgeauth.context.jwks-url (env EDGEAUTH_CONTEXT_JWKS_URL)")
                && message.contains("must be an https URL"), message);
    }

    @Test
    void plainHttpKeyUrlIsAcceptedOnLoopbackAndHttpsAnywhere() {
        for (String url : List.of("http://127.0.0.1:8080/jwks.json", "http://localhost:8080/jwks.json",
                "http://[::1]:8080/jwks.json", "https://keys.example.com/jwks.json")) {
            assertNotNull(FilterConfiguration.read(Settings.of(Map.of("edgeauth.context.jwks-url", url), Map.of())),
                    url);
        }
    }

    @Test
    void developmentModeAcceptsPlainHttpKeyAndIssuerUrlsOnAnyHost() {
        Map<String, String> settings = new HashMap<>();
        settings.put("edgeauth.context.jwks-url", "http://keys.example.com/jwks.json");
        settings.put("edgeauth.service.issuer", "http://idp.example.com/realms/shop");
        settings.put("edgeauth.service.audience", "orders");
        settings.put("edgeauth.service.jwks-url", "http://idp.example.com/realms/shop/certs");
        settings.put("edgeauth.filter.development", "true");
        FilterConfiguration config = FilterConfiguration.read(Settings.of(settings, Map.of()));
        assertTrue(config.development());
        assertTrue(config.serviceTokens().isPresent());
    }

    @Test
    void developmentModeIsOffByDefaultAndTakesOnlyTrueOrFalse() throws IOException {
        Map<String, String> settings = valid();
        assertFalse(FilterConfiguration.read(Settings.of(settings, Map.of())).development());
        settings.put("edgeauth.filter.development", "yes");
        String message = failure(settings);
        assertTrue(message.contains("edgeauth.filter.development") && message.contains("true or false"), message);
    }

    @Test
    void plainHttpServiceIssuerOnAnotherHostFailsNamingTheSetting() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.service.issuer", "http://idp.example.com/realms/shop");
        settings.put("edgeauth.service.audience", "orders");
        String message = failure(settings);
        assertTrue(message.startsWith("edgeauth: setting edgeauth.service.issuer (env EDGEAUTH_SERVICE_ISSUER)")
                && message.contains("must be an https URL"), message);
        for (String issuer : List.of("http://127.0.0.1:8180/realms/shop", "http://localhost:8180/realms/shop",
                "https://idp.example.com/realms/shop")) {
            settings.put("edgeauth.service.issuer", issuer);
            assertTrue(FilterConfiguration.read(Settings.of(settings, Map.of())).serviceTokens().isPresent(), issuer);
        }
    }

    @Test
    void plainHttpServiceKeyUrlOnAnotherHostFailsNamingTheSetting() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.service.issuer", "https://idp.example.com/realms/shop");
        settings.put("edgeauth.service.audience", "orders");
        settings.put("edgeauth.service.jwks-url", "http://idp.example.com/realms/shop/certs");
        String message = failure(settings);
        assertTrue(message.startsWith("edgeauth: setting edgeauth.service.jwks-url (env EDGEAUTH_SERVICE_JWKS_URL)")
                && message.contains("must be an https URL"), message);
        for (String url : List.of("http://127.0.0.1:8180/certs", "http://localhost:8180/certs",
                "https://idp.example.com/realms/shop/certs")) {
            settings.put("edgeauth.service.jwks-url", url);
            assertTrue(FilterConfiguration.read(Settings.of(settings, Map.of())).serviceTokens().isPresent(), url);
        }
    }

    @Test
    void fileKeySourcesAreUnaffectedOutsideDevelopmentMode() throws IOException {
        FilterConfiguration config = FilterConfiguration.read(Settings.of(valid(), Map.of()));
        assertFalse(config.development());
    }

    @Test
    void negativeCacheSizeNamesTheSetting() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.context.cache-size", "-1");
        assertTrue(failure(settings).contains("edgeauth.context.cache-size"));
    }

    @Test
    void badClockSkewNamesTheSetting() throws IOException {
        Map<String, String> settings = valid();
        settings.put("edgeauth.context.clock-skew", "a minute");
        assertTrue(failure(settings).contains("edgeauth.context.clock-skew"));
    }
}
