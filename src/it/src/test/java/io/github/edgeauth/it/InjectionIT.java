package io.github.edgeauth.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.github.edgeauth.filter.ContextMinter;
import io.github.edgeauth.filter.KeyFiles;
import io.github.edgeauth.filter.UserContext;
import io.github.edgeauth.it.legacy.WhoAmIResource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        return ShrinkWrap.create(WebArchive.class, "legacy.war")
                .addClasses(WhoAmIResource.class, WhoAmIResource.LegacyApplication.class)
                .addAsLibraries(Archives.filterJar())
                .addAsLibraries(Archives.nimbusJar());
    }

    /** The deployment's URL on loopback (the adapter reports the machine's address). */
    @org.junit.jupiter.api.BeforeEach
    void awaitListening() {
        Archives.awaitListening(uri(""));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + deployed.getPort() + deployed.getPath() + path);
    }

    private static String context() throws Exception {
        Path pem = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pem");
        JWK key = KeyFiles.pemFile(pem).stream().filter(JWK::isPrivate).findFirst().orElseThrow();
        return new ContextMinter(key, JWSAlgorithm.RS256, "edgeauth-edge").mint(
                UserContext.builder().subject("heidi").roles(Set.of("admin")).build(), "edgeauth", Duration.ofSeconds(60));
    }

    @Test
    void aWarThatOnlyAddsTheJarInjectsTheUserAndAnswersTheContainersSecurityApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("api/whoami"))
                .header("X-User-Context", context()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("injected=heidi\n"), response.body());
        assertTrue(response.body().contains("principal=heidi\n"), response.body());
        assertTrue(response.body().contains("admin=true\n"), response.body());

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("api/whoami")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(Files.isRegularFile(Path.of(System.getProperty("payara.microJar"))));
    }
}
