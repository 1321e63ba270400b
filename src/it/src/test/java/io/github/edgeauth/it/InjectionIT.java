package io.github.edgeauth.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.github.edgeauth.demo.PayaraMicro;
import io.github.edgeauth.filter.ContextMinter;
import io.github.edgeauth.filter.KeyFiles;
import io.github.edgeauth.filter.UserContext;
import io.github.edgeauth.it.legacy.WhoAmIResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the container: a legacy-style WAR with no beans.xml and no web.xml, that only adds the filter jar, gets
 * {@code @Inject UserContext} and the container's own {@code SecurityContext} answering for the verified
 * user. The WAR is built with ShrinkWrap and run on a Payara Micro of its own.
 */
class InjectionIT {
    static PayaraMicro server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("legacy");
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        Files.createDirectories(dir);
        File war = dir.resolve("legacy.war").toFile();
        ShrinkWrap.create(WebArchive.class, "legacy.war")
                .addClasses(WhoAmIResource.class, WhoAmIResource.LegacyApplication.class)
                .addAsLibraries(Archives.filterJar())
                .addAsLibraries(Archives.nimbusJar())
                .as(ZipExporter.class).exportTo(war, true);
        Path publicKey = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pub.pem");
        server = PayaraMicro.start("legacy", demo.resolve("payara-micro.jar"), war.toPath(), "/legacy",
                SystemIT.freePort(), dir.resolve("run"), Map.of("EDGEAUTH_CONTEXT_PEM_FILE", publicKey.toString()),
                List.of()).awaitReady("/legacy/api/whoami", Duration.ofMinutes(4)); // answers 401 once deployed
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static URI uri(String path) {
        return server.uri("/legacy/" + path);
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
    }
}
