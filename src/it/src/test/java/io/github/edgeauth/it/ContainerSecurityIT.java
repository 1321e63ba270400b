package io.github.edgeauth.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.github.edgeauth.filter.ContextMinter;
import io.github.edgeauth.filter.KeyFiles;
import io.github.edgeauth.filter.UserContext;
import io.github.edgeauth.it.secured.AuditBean;
import io.github.edgeauth.it.secured.SecureServlet;
import io.github.edgeauth.demo.PayaraMicro;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Container security on Payara Micro: a legacy WAR keeps its web.xml {@code <security-constraint>} and its
 * EJB's {@code @RolesAllowed}; edgeauth tells the container who the caller is. The WAR is built with
 * ShrinkWrap and run by a Payara Micro of its own (one Arquillian-managed container per run is enough).
 */
class ContainerSecurityIT {
    static PayaraMicro server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("secured");
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        java.nio.file.Files.createDirectories(dir);
        File war = dir.resolve("secured.war").toFile();
        legacyWar().as(ZipExporter.class).exportTo(war, true);
        Path publicKey = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pub.pem");
        server = PayaraMicro.start("secured", demo.resolve("payara-micro.jar"), war.toPath(), "/secured",
                SystemIT.freePort(), dir.resolve("run"), Map.of("EDGEAUTH_CONTEXT_PEM_FILE", publicKey.toString()),
                List.of()).awaitReady("/secured/secure/report", java.time.Duration.ofMinutes(4)); // answers 401 once deployed
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static WebArchive legacyWar() throws Exception {
        return ShrinkWrap.create(WebArchive.class, "secured.war")
                .addClasses(SecureServlet.class, AuditBean.class)
                .setWebXML(ContainerSecurityIT.class.getResource("/secured/web.xml"))
                .addAsLibraries(Archives.filterJar())
                .addAsLibraries(Archives.nimbusJar());
    }

    private static URI uri(String path) {
        return server.uri("/secured/" + path);
    }

    private static String context(String subject, Set<String> roles) throws Exception {
        Path pem = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pem");
        JWK key = KeyFiles.pemFile(pem).stream().filter(JWK::isPrivate).findFirst().orElseThrow();
        return new ContextMinter(key, JWSAlgorithm.RS256, "edgeauth-edge").mint(
                UserContext.builder().subject(subject).roles(roles).build(), "edgeauth", Duration.ofSeconds(60));
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminPassesTheConstraintAndTheEjbKnowsTheCaller() throws Exception {
        HttpResponse<String> response = get(uri("secure/report"), "X-User-Context", context("judy", Set.of("admin")));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("principal=judy\n"), response.body());
        assertTrue(response.body().contains("ejb=judy admin=true\n"), response.body());
    }

    @Test
    void aUserWithoutTheRoleIsForbiddenByTheConstraintAndByTheEjb() throws Exception {
        String user = context("karl", Set.of("user"));
        assertEquals(403, get(uri("secure/report"), "X-User-Context", user).statusCode());
        assertEquals(403, get(uri("open/report"), "X-User-Context", user).statusCode());
    }

    @Test
    void anAnonymousCallerOfAProtectedPathGets401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = get(uri("secure/report"));
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(response.body().contains("missing_credentials"), response.body());
    }
}
