package io.github.edgeauth.core.internal.config;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collections;
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
    void precedenceIsSystemPropertyThenInitParamThenContextParamThenDefault() {
        Map<String, String> init = Map.of("edgeauth.test.name", "from-init");
        Map<String, String> context = Map.of("edgeauth.test.name", "from-context");

        assertEquals(Optional.empty(), webApp(Map.of(), Map.of()).optional(NAME));
        assertEquals("from-context", webApp(Map.of(), context).required(NAME));
        assertEquals("from-init", webApp(init, context).required(NAME));
        System.setProperty(NAME.name(), "from-property");
        assertEquals("from-property", webApp(init, context).required(NAME));
    }

    @Test
    void anEnvVarBeatsWebXml() {
        Map<String, String> values = Map.of("edgeauth.test.name", "from-web-xml");

        assertEquals("from-web-xml", Settings.of(values, Map.of()).required(NAME));
        assertEquals("from-env", Settings.of(values, Map.of("EDGEAUTH_TEST_NAME", "from-env")).required(NAME));
    }

    /** Settings of a web application whose context only answers for its init parameters. */
    private static Settings webApp(Map<String, String> init, Map<String, String> contextParams) {
        ServletContext context = (ServletContext) Proxy.newProxyInstance(SettingsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameter" -> contextParams.get((String) args[0]);
                    case "getInitParameterNames" -> Collections.enumeration(contextParams.keySet());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return Settings.forWebApp(init::get, init.keySet(), context);
    }

    @Test
    void aFormerNameIsReadOnlyWhenTheNewOneIsUnset() {
        Setting header = Setting.of("edgeauth.test.header", "X-Default").formerly("edgeauth.old.header");

        assertEquals("X-Default", Settings.of(Map.of(), Map.of()).required(header));
        assertEquals("X-Old", Settings.of(Map.of("edgeauth.old.header", "X-Old"), Map.of()).required(header));
        assertEquals("X-Old", Settings.of(Map.of(), Map.of("EDGEAUTH_OLD_HEADER", "X-Old")).required(header));
        assertEquals("X-New", Settings.of(Map.of("edgeauth.old.header", "X-Old", "edgeauth.test.header", "X-New"),
                Map.of()).required(header));
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
