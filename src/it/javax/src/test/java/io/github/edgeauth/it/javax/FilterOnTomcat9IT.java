package io.github.edgeauth.it.javax;

import io.github.edgeauth.testkit.MockProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Java EE 8 WAR on plain Tomcat 9 with the javax jars the build made: old code sees the user of a context that a
 * Jakarta EE edge signed, the refusals are those of every server, and the client feature calls another service
 * with a real service token on JAX-RS 2.1 (Jersey 2).
 */
class FilterOnTomcat9IT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Tomcat tomcat;
    private static MockOAuth2Server provider;

    @BeforeAll
    static void deploy() throws Exception {
        provider = MockProvider.inThisJvm(0);
        tomcat = Tomcat9.started(dir);
        ClientSettings.set(provider, "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/legacy");
        Tomcat9.deploy(tomcat, Tomcat9.legacyWar(dir));
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        provider.shutdown();
        ClientSettings.clear();
    }

    static HttpResponse<String> get(Tomcat tomcat, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + tomcat.getConnector().getLocalPort() + "/legacy" + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsOnTheTomcatTheBuildNamed() {
        assertEquals(System.getProperty("edgeauth.tomcat.version"), ServerInfo.getServerNumber().replaceAll("\\.0$", ""));
    }

    @Test
    void oldCodeSeesTheEdgesUserThroughTheServletApiAndTheStaticAccessor() throws Exception {
        HttpResponse<String> response = get(tomcat, "/whoami", "X-User-Context", EdgeContexts.context("ivan", Set.of("admin")));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("principal=ivan\n"), response.body());
        assertTrue(response.body().contains("remoteUser=ivan\n"), response.body());
        assertTrue(response.body().contains("admin=true\n"), response.body());
        assertTrue(response.body().contains("subject=ivan\n"), response.body());
    }

    @Test
    void theSameRefusalsAsOnEveryServer() throws Exception {
        HttpResponse<String> anonymous = get(tomcat, "/whoami");
        assertEquals(401, anonymous.statusCode());
        assertEquals("Bearer realm=\"edgeauth\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(anonymous.body().contains("\"reason\":\"missing_credentials\""), anonymous.body());

        HttpResponse<String> forged = get(tomcat, "/whoami", "X-User-Context", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.");
        assertEquals(401, forged.statusCode());
        assertTrue(forged.body().contains("\"reason\":\"unsigned\""), forged.body());

        HttpResponse<String> noRole = get(tomcat, "/admin/report", "X-User-Context", EdgeContexts.context("judy", Set.of("user")));
        assertEquals(403, noRole.statusCode());
        assertTrue(noRole.body().contains("\"reason\":\"insufficient_role\""), noRole.body());
    }

    /**
     * The report page calls the WAR's own {@code /whoami} through the client feature on JAX-RS 2.1 (Jersey 2): the
     * filter takes the provider's service token, so the caller is orders-service. Tomcat has no CDI, through which
     * the feature finds the caller's context to pass on (docs/client.md), so none is; the same call without the
     * feature names no service.
     */
    @Test
    void theClientFeatureCallsABackendWithAServiceTokenOnJaxRs21() throws Exception {
        String rita = EdgeContexts.context("rita", Set.of());
        HttpResponse<String> report = get(tomcat, "/report", "X-User-Context", rita);
        assertEquals(200, report.statusCode(), report.body());
        assertTrue(report.body().contains("principal=orders-service\n")
                && report.body().contains("service=orders-service\n"), report.body());
        HttpResponse<String> direct = get(tomcat, "/whoami", "X-User-Context", rita);
        assertTrue(direct.body().contains("principal=rita\n") && direct.body().contains("service=\n"), direct.body());
    }
}
