package io.github.edgeauth.it;

import io.github.edgeauth.it.secured.AuditBean;
import io.github.edgeauth.it.secured.SecureServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static io.github.edgeauth.it.TestContexts.context;
import static io.github.edgeauth.it.TestContexts.onLoopback;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code edgeauth.filter.container-security=false} set in web.xml, like every other setting: the filter still
 * answers {@code getUserPrincipal()}, but the container is not told who the caller is, so the EJB's
 * {@code @RolesAllowed} refuses even an admin ({@link ContainerSecurityIT} shows the same call allowed).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerSecurityOffIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    @TargetsContainer("secured")
    static WebArchive securityOffWar() throws URISyntaxException {
        return Archives.backendWar("secured-off.war", ContainerSecurityOffIT.class.getResource("/secured-off/web.xml"),
                SecureServlet.class, AuditBean.class);
    }

    @Test
    void switchedOffInWebXmlTheContainerDoesNotKnowTheCaller() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(onLoopback(deployed, "open/report"))
                .header("X-User-Context", context("judy", Set.of("admin"))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode(), "the EJB refused the caller: " + response.body());
    }
}
