package io.github.edgeauth.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the container, through Arquillian and the Payara Micro managed adapter: a legacy-style WAR with no
 * beans.xml at all and no web.xml, that only adds the filter jar, gets {@code @Inject UserContext} and the
 * container's own {@code SecurityContext} answering for the verified user.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InjectionIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive legacyWar() throws URISyntaxException {
        return Archives.legacyWar();
    }

    private URI uri(String path) {
        return TestContexts.onLoopback(deployed, path);
    }

    @Test
    void aWarThatOnlyAddsTheJarInjectsTheUserAndAnswersTheContainersSecurityApi() throws Exception {
        assertEquals(Integer.getInteger("edgeauth.arquillian.port"), deployed.getPort(), "the port the build reserved");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("api/whoami"))
                .header("X-User-Context", TestContexts.context("heidi", Set.of("admin"))).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("injected=heidi\n"), response.body());
        assertTrue(response.body().contains("principal=heidi\n"), response.body());
        assertTrue(response.body().contains("admin=true\n"), response.body());

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("api/whoami")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }
}
