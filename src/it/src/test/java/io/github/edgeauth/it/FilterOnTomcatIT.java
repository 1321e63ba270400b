package io.github.edgeauth.it;

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
 * Plain Tomcat 10.1, or 11 with {@code -Dit.server=tomcat11} (embedded, no CDI, no Jakarta Security): an exploded WAR whose WEB-INF/lib holds the built
 * filter, core and nimbus jars and whose web.xml only sets context-params and maps its own servlet. Tomcat
 * finds the filter through the jar's web fragment, as it would in a WAR; old code sees the verified user.
 */
class FilterOnTomcatIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Tomcat tomcat;
    private static int port;

    @BeforeAll
    static void deploy() throws Exception {
        tomcat = EmbeddedTomcat.started(dir);
        EmbeddedTomcat.deploy(tomcat, EmbeddedTomcat.legacyWar(dir));
        port = tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/legacy" + path));
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
    void oldCodeSeesTheVerifiedUserThroughTheServletApiAndTheStaticAccessor() throws Exception {
        HttpResponse<String> response = get("/whoami", "X-User-Context", TestContexts.context("ivan", Set.of("admin")));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("principal=ivan\n"), response.body());
        assertTrue(response.body().contains("remoteUser=ivan\n"), response.body());
        assertTrue(response.body().contains("admin=true\n"), response.body());
        assertTrue(response.body().contains("subject=ivan\n"), response.body());
    }

    @Test
    void theSameRefusalsAsOnEveryServer() throws Exception {
        HttpResponse<String> anonymous = get("/whoami");
        assertEquals(401, anonymous.statusCode());
        assertEquals("Bearer realm=\"edgeauth\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(anonymous.body().contains("\"reason\":\"missing_credentials\""), anonymous.body());

        HttpResponse<String> forged = get("/whoami", "X-User-Context", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.");
        assertEquals(401, forged.statusCode());
        assertTrue(forged.body().contains("\"reason\":\"unsigned\""), forged.body());

        HttpResponse<String> noRole = get("/admin/report", "X-User-Context", TestContexts.context("judy", Set.of("user")));
        assertEquals(403, noRole.statusCode());
        assertTrue(noRole.body().contains("\"reason\":\"insufficient_role\""), noRole.body());
    }
}
