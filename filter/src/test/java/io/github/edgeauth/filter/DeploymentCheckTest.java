package io.github.edgeauth.filter;

import io.github.edgeauth.core.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong settings stop the deployment, not just the filter (which some containers then skip). */
class DeploymentCheckTest {

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
    void rightSettingsPassTheCheck() throws Exception {
        java.nio.file.Path jwks = java.nio.file.Files.createTempFile("jwks", ".json");
        java.nio.file.Files.writeString(jwks, new com.nimbusds.jose.jwk.JWKSet(TestKeys.rsa().toPublicJWK()).toString());
        try (JettyBackend backend = JettyBackend.startLikeTheFragment(Map.of("edgeauth.context.jwks-file", jwks.toString()))) {
            assertNotNull(backend.uri("/"));
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
