package io.github.edgeauth.it;

import io.github.edgeauth.it.own.OwnMechanism;
import io.github.edgeauth.it.secured.AuditBean;
import io.github.edgeauth.it.secured.SecureServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.github.edgeauth.it.TestContexts.onLoopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WAR that brings its own {@code HttpAuthenticationMechanism} and adds the filter jar: it deploys (two
 * mechanisms would be ambiguous), and its own mechanism keeps deciding who the container's caller is.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OwnMechanismIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    @TargetsContainer("secured")
    static WebArchive warWithItsOwnMechanism() throws URISyntaxException {
        return Archives.backendWar("own-mechanism.war", OwnMechanismIT.class.getResource("/secured/web.xml"),
                SecureServlet.class, AuditBean.class, OwnMechanism.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void theApplicationsOwnMechanismStillLogsTheCallerIn() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(onLoopback(deployed, "secure/report"))
                .header("X-Own-Login", "yes").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("principal=own-user\n"), response.body());
        assertTrue(response.body().contains("ejb=own-user admin=true\n"), response.body());
    }
}
