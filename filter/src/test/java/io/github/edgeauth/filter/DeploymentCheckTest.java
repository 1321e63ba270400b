package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong settings stop the deployment, not just the filter (which some containers then skip). */
class DeploymentCheckTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void wrongSettingsFailTheDeploymentInTheListenerNamingTheSetting() {
        assertTheListenerFailsNaming("edgeauth.context.jwks-file",
                Map.of("edgeauth.context.jwks-file", "/nonexistent/jwks.json"));
    }

    @Test
    void aWrongRoleMappingFailsTheDeploymentNotTheFirstRequest() throws Exception {
        java.nio.file.Path jwks = java.nio.file.Files.createTempFile("jwks", ".json");
        java.nio.file.Files.writeString(jwks, new com.nimbusds.jose.jwk.JWKSet(TestKeys.rsa().toPublicJWK()).toString());
        assertTheListenerFailsNaming("edgeauth.filter.role-mapping", Map.of(
                "edgeauth.context.jwks-file", jwks.toString(), "edgeauth.filter.role-mapping", "admin"));
    }

    private static void assertTheListenerFailsNaming(String setting, Map<String, String> settings) {
        Exception failure = assertThrows(Exception.class, () -> JettyBackend.startLikeTheFragment(settings));
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.add(t);
        }
        Throwable fromListener = chain.stream()
                .filter(t -> t.getStackTrace().length > 0
                        && t.getStackTrace()[0].getClassName().equals(DeploymentCheck.class.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("the listener did not fail the start: " + chain));
        assertTrue(fromListener.getMessage().contains(setting), fromListener.getMessage());
    }

    @Test
    void rightSettingsPassTheCheckAndTheFilterVerifiesWithTheConfigurationTheCheckRead() throws Exception {
        JWK key = TestKeys.rsa();
        java.nio.file.Path jwks = java.nio.file.Files.createTempFile("jwks", ".json");
        java.nio.file.Files.writeString(jwks, new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
        try (JettyBackend backend = JettyBackend.startLikeTheFragment(Map.of("edgeauth.context.jwks-file", jwks.toString()))) {
            FilterConfiguration checked = assertInstanceOf(FilterConfiguration.class,
                    backend.contextAttribute(FilterConfiguration.attributeFor("edgeauth")),
                    "the listener keeps the configuration it checked for the filter");

            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(backend.uri("/orders")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            assertEquals("missing_credentials", JSONObjectUtils.parse(anonymous.body()).get("reason"));

            String context = new ContextSigner(key, JWSAlgorithm.RS256, "edgeauth-edge")
                    .mint(UserContext.builder().subject("alice").build(), "edgeauth", Duration.ofSeconds(60));
            HttpResponse<String> alice = HTTP.send(HttpRequest.newBuilder(backend.uri("/orders"))
                    .header("X-User-Context", context).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, alice.statusCode());
            assertTrue(alice.body().contains("subject=alice\n"), alice.body());
            // One read, one key source, one cache: the filter verified with the checked instance.
            assertEquals(1, checked.contexts().cacheStatistics().misses());
        }
    }

    @Test
    void switchedOffTheFilterDeploysWithoutAKeySourceWarnsAndPassesRequestsThroughUntouched() throws Exception {
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.github.edgeauth.filter");
        logger.addHandler(capture);
        try (JettyBackend backend = JettyBackend.startLikeTheFragment(Map.of("edgeauth.filter.enabled", "false"))) {
            assertEquals(1, warnings.stream().filter(line -> line.contains("edgeauth.filter.enabled=false")).count(),
                    warnings.toString());
            assertNull(backend.contextAttribute(FilterConfiguration.attributeFor("edgeauth")),
                    "nothing checked, nothing kept");

            HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(backend.uri("/orders"))
                    .header("X-User-Context", "not.a.token").header("Authorization", "Bearer old-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, forged.statusCode(), forged.body());
            assertTrue(forged.body().contains("principal=\n") && forged.body().contains("anonymous=true\n"),
                    forged.body());
            assertTrue(forged.body().contains("contextHeader=not.a.token\n"), forged.body());
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void webFragmentInstallsTheListenerAndTheFilterOnEveryPath() throws Exception {
        Document fragment;
        try (InputStream in = UserContextFilter.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
            assertNotNull(in, "web-fragment.xml is missing from the jar");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            fragment = factory.newDocumentBuilder().parse(in);
        }
        assertEquals(DeploymentCheck.class.getName(), text(fragment, "listener-class"));
        assertEquals(UserContextFilter.class.getName(), text(fragment, "filter-class"));
        assertEquals("edgeauth", text(fragment, "filter-name"));
        assertEquals("/*", text(fragment, "url-pattern"));
    }

    private static String text(Document document, String element) {
        NodeList nodes = document.getElementsByTagNameNS("*", element);
        assertTrue(nodes.getLength() > 0, element);
        return nodes.item(0).getTextContent().trim();
    }
}
