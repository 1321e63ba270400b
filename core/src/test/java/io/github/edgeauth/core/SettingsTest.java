package io.github.edgeauth.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingsTest {
    private static final Setting TTL = Setting.of("edgeauth.test.time-to-live", "60s");
    private static final Setting NAME = Setting.optional("edgeauth.test.name");

    @AfterEach
    void clearProperty() {
        System.clearProperty(NAME.name());
    }

    @Test
    void envVarNameIsUpperCasedWithUnderscores() {
        assertEquals("EDGEAUTH_TEST_TIME_TO_LIVE", TTL.envVar());
    }

    @Test
    void precedenceIsSystemPropertyThenEnvThenInitParamThenContextParamThenDefault() {
        Map<String, String> env = Map.of("EDGEAUTH_TEST_NAME", "from-env");
        Map<String, String> init = Map.of("edgeauth.test.name", "from-init");
        Map<String, String> context = Map.of("edgeauth.test.name", "from-context");

        assertEquals("from-context", settings(Map.of(), Map.of(), context).required(NAME));
        assertEquals("from-init", settings(Map.of(), init, context).required(NAME));
        assertEquals("from-env", settings(env, init, context).required(NAME));
        System.setProperty(NAME.name(), "from-property");
        assertEquals("from-property", settings(env, init, context).required(NAME));
        assertEquals(Optional.empty(), Settings.of(Map.of(), Map.of()).optional(NAME));
    }

    private static Settings settings(Map<String, String> env, Map<String, String> init, Map<String, String> context) {
        // The servlet context is only asked for its init parameters.
        return Settings.forTest(env, init::get, context::get);
    }

    @Test
    void blankValuesCountAsUnset() {
        assertEquals("60s", Settings.of(Map.of(TTL.name(), "  "), Map.of()).required(TTL));
    }

    @Test
    void durationsAcceptSecondsSuffixesAndIso() {
        assertEquals(Duration.ofSeconds(90), duration("90"));
        assertEquals(Duration.ofMillis(500), duration("500ms"));
        assertEquals(Duration.ofSeconds(60), duration("60s"));
        assertEquals(Duration.ofMinutes(5), duration("5m"));
        assertEquals(Duration.ofHours(1), duration("1h"));
        assertEquals(Duration.ofSeconds(60), duration("PT60S"));
    }

    @Test
    void listsSplitOnCommasAndWhitespace() {
        Setting list = Setting.optional("edgeauth.test.list");
        assertEquals(List.of("/health", "/static/*", "*.css"),
                Settings.of(Map.of(list.name(), "/health, /static/*\n *.css"), Map.of()).list(list));
    }

    @Test
    void prefixedSettingsComeFromEverySourceWithEnvVarsMappedBack() {
        Settings settings = Settings.of(
                Map.of("edgeauth.edge.route.orders", "http://127.0.0.1:8081/orders",
                        "edgeauth.edge.route.inventory", "http://127.0.0.1:9/overridden"),
                Map.of("EDGEAUTH_EDGE_ROUTE_ORDER_ITEMS", "http://127.0.0.1:8083/items",
                        "EDGEAUTH_EDGE_ROUTE_INVENTORY", "http://127.0.0.1:8082/inventory",
                        "EDGEAUTH_EDGE_ROUTEX", "ignored"));
        assertEquals(Map.of("orders", "http://127.0.0.1:8081/orders",
                        "order-items", "http://127.0.0.1:8083/items",
                        "inventory", "http://127.0.0.1:8082/inventory"),
                settings.withPrefix("edgeauth.edge.route."));
    }

    private static Duration duration(String value) {
        return Settings.of(Map.of(TTL.name(), value), Map.of()).duration(TTL);
    }
}
