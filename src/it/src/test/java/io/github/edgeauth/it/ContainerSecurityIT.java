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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Container security, through Arquillian and the Payara Micro managed adapter: a legacy WAR keeps its web.xml
 * {@code <security-constraint>} and its EJB's {@code @RolesAllowed}; edgeauth tells the container who the
 * caller is.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerSecurityIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    @TargetsContainer("secured")
    static WebArchive securedWar() throws URISyntaxException {
        return Archives.backendWar("secured.war", ContainerSecurityIT.class.getResource("/secured/web.xml"),
                SecureServlet.class, AuditBean.class);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(onLoopback(deployed, path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminPassesTheConstraintAndTheEjbKnowsTheCaller() throws Exception {
        HttpResponse<String> response = get("secure/report", "X-User-Context", context("judy", Set.of("admin")));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("principal=judy\n"), response.body());
        assertTrue(response.body().contains("ejb=judy admin=true\n"), response.body());
        HttpResponse<String> open = get("open/report", "X-User-Context", context("judy", Set.of("admin")));
        assertEquals(200, open.statusCode(), "the EJB knows the caller outside the constraint too: " + open.body());
    }

    @Test
    void aUserWithoutTheRoleIsForbiddenByTheConstraintAndByTheEjb() throws Exception {
        String user = context("karl", Set.of("user"));
        assertEquals(403, get("secure/report", "X-User-Context", user).statusCode());
        assertEquals(403, get("open/report", "X-User-Context", user).statusCode());
    }

    @Test
    void anAnonymousCallerOfAProtectedPathGets401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = get("secure/report");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(response.body().contains("missing_credentials"), response.body());
    }
}
