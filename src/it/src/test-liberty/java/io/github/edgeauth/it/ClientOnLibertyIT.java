package io.github.edgeauth.it;

import io.github.edgeauth.it.reporting.ReportServlet;
import io.github.edgeauth.testkit.MockProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client feature on Open Liberty's own JAX-RS client: a reporting WAR calls a downstream service (the
 * provider's userinfo endpoint, which answers only a token the provider issued) with a service token the
 * feature fetched by client_credentials from mock-oauth2-server. The client's settings are JVM system
 * properties (src/test/resources/arquillian-liberty.xml), as an admin would set them in {@code jvm.options}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientOnLibertyIT {
    private static final MockOAuth2Server PROVIDER = MockProvider.inThisJvm(Integer.getInteger("edgeauth.it.provider-port"));

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    @TargetsContainer("backend")
    static WebArchive reporting() throws URISyntaxException {
        return Archives.backendWar("reporting.war", ClientOnLibertyIT.class.getResource("/redeploy/web.xml"), ReportServlet.class)
                .addAsLibraries(Archives.clientJar());
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Test
    void aServiceCallCarriesATokenTheFeatureFetched() throws Exception {
        TestJwks.publish(); // the reporting WAR's own filter verifies the caller's context
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        TestContexts.onLoopback(deployed, "report"))
                .header("X-User-Context", TestContexts.context("rita", Set.of())).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode(), page.body());
        // The provider's userinfo answers 200 only to a token it issued, with that token's claims: the servlet
        // sends none of its own, so the feature fetched it (client_credentials) and attached it.
        assertTrue(page.body().contains("\"http://127.0.0.1:" + PROVIDER.baseUrl().port() + "/default\""), page.body());
    }
}
