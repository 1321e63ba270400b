package io.github.edgeauth.it.javax;

import io.github.edgeauth.testkit.Browser;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import io.github.edgeauth.it.javax.app.WhoAmIServlet;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mixed estate as it runs: today's edge WAR (Jakarta EE, on Payara Micro 6, as the demo runs it) in front of a
 * Java EE 8 WAR on Tomcat 9 with the javax jars, which takes the edge's keys from the edge's own JWKS URL. A person
 * signed in at the edge in a browser, and an API client with the provider's access token, reach the old WAR as
 * themselves; the old WAR's own rule refuses a caller without its role.
 */
class MixedEstateOnTomcat9IT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static MockOAuth2Server provider;
    private static Tomcat tomcat;
    private static PayaraMicro edge;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        provider = MockProvider.inThisJvm(0);
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/default";
        dir = Files.createDirectories(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "mixed-estate")
                .toAbsolutePath());
        int edgePort = Ports.free();
        System.setProperty("edgeauth.context.jwks-url", "http://127.0.0.1:" + edgePort + "/.well-known/edgeauth/jwks.json");
        tomcat = Tomcat9.started(dir);
        Tomcat9.deploy(tomcat, ExplodedWar.write(dir, "legacy", "/edge-fronted/web.xml", List.of(WhoAmIServlet.class), false));
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir")).toAbsolutePath();
        edge = PayaraMicro.start("edge", demo.resolve("payara-micro.jar"), demo.resolve("edge-war.war"), "/", edgePort,
                dir.resolve("edge"), Map.of(), List.of(
                        "-Dedgeauth.edge.issuer=" + issuer,
                        "-Dedgeauth.edge.client-id=edge",
                        "-Dedgeauth.edge.client-secret=edge-secret",
                        "-Dedgeauth.edge.signing-key=" + System.getProperty("edgeauth.it.resources") + "/test-only-signing-key.pem",
                        "-Dedgeauth.edge.development=true",
                        "-Dedgeauth.edge.bearer-audience=edge-api",
                        "-Dedgeauth.edge.route.legacy=http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/legacy",
                        "-Dedgeauth.edge.mount.legacy=/api/legacy"))
                .awaitReady("/.well-known/edgeauth/jwks.json", Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        if (provider != null) {
            provider.shutdown();
        }
        System.clearProperty("edgeauth.context.jwks-url");
    }

    @Test
    void aPersonSignedInAtTheEdgeIsTheOldWarsUser() throws Exception {
        String page = Browser.legacyPageThroughTheEdge(dir.resolve("chromium"), edge.uri("").toString(), "rita");
        assertTrue(page.contains("principal=rita") && page.contains("remoteUser=rita"), page);
        assertTrue(page.contains("admin=true"), "the role the provider gave rita: " + page);
    }

    @Test
    void anApiClientThroughTheEdgeIsTheOldWarsUserAndItsRuleHolds() throws Exception {
        String token = "Bearer " + clientToken(provider, "reporting-job", "reporting-secret", "edge:api");
        HttpResponse<String> whoami = HTTP.send(HttpRequest.newBuilder(edge.uri("/api/legacy/whoami"))
                .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, whoami.statusCode(), whoami.body());
        assertTrue(whoami.body().contains("principal=reporting-job\n") && whoami.body().contains("admin=false\n"),
                whoami.body());

        // The edge has no rules for the route: the refusal must be the old WAR's, which logs it here (Tomcat runs
        // in this JVM).
        List<String> refusals = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                refusals.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger filterLog = Logger.getLogger("io.github.edgeauth.filter");
        filterLog.addHandler(recorder);
        try {
            HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(edge.uri("/api/legacy/admin/report"))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, admin.statusCode(), admin.body());
            assertTrue(admin.body().contains("\"reason\":\"insufficient_role\""), admin.body());
            assertTrue(refusals.stream().anyMatch(line -> line.contains("reason=insufficient_role")
                    && line.contains("path=/legacy/admin/report")), "the old WAR did not refuse: " + refusals);
        } finally {
            filterLog.removeHandler(recorder);
        }
    }

    /** An access token from the provider's token endpoint (client credentials), as an API client gets one. */
    private static String clientToken(MockOAuth2Server provider, String clientId, String secret, String scope)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + provider.baseUrl().port() + "/default/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return com.nimbusds.jose.util.JSONObjectUtils.getString(
                com.nimbusds.jose.util.JSONObjectUtils.parse(response.body()), "access_token");
    }
}
