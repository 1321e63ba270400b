package io.github.edgeauth.it.javax;

import io.github.edgeauth.it.javax.app.AuditBean;
import io.github.edgeauth.it.javax.app.InventoryClient;
import io.github.edgeauth.it.javax.app.InventoryTokens;
import io.github.edgeauth.it.javax.app.ReportServlet;
import io.github.edgeauth.it.javax.app.RestReportServlet;
import io.github.edgeauth.it.javax.app.SecureServlet;
import io.github.edgeauth.it.javax.app.WhoAmIServlet;
import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy-WAR cases ({@link JavaxServerCases}) on Payara Micro 5.2022.5, the last Java EE 8 one, on this JVM's
 * Java 17 with the one option it needs there for EJBs ({@code --add-opens=java.base/java.io=ALL-UNNAMED},
 * payara/Payara#6337), started on loopback as every Payara Micro here; the client feature on Jersey 2, Payara's own,
 * and through MicroProfile Rest Client 2.0.
 */
class JavaxOnPayaraMicro5IT extends JavaxServerCases {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static MockOAuth2Server provider;
    private static PayaraMicro server;

    @BeforeAll
    static void start() throws Exception {
        provider = MockProvider.inThisJvm(0);
        Path dir = Files.createDirectories(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "payara5")
                .toAbsolutePath());
        Path war = ExplodedWar.write(dir, "secured", "/secured/web.xml",
                List.of(SecureServlet.class, AuditBean.class, ReportServlet.class, WhoAmIServlet.class,
                        RestReportServlet.class, InventoryClient.class, InventoryTokens.class), false);
        int port = Ports.free();
        List<String> options = new ArrayList<>(List.of("--add-opens=java.base/java.io=ALL-UNNAMED"));
        options.addAll(ClientSettings.options(provider, "http://127.0.0.1:" + port + "/secured"));
        options.add("-Dinventory/mp-rest/url=http://127.0.0.1:" + port + "/secured");
        server = PayaraMicro.start("payara5", Path.of(System.getProperty("edgeauth.payara5.jar")), war, "/secured",
                port, dir, Map.of(), options);
        server.awaitReady("/secured/secure/report", Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Override
    URI uri(String path) {
        return server.uri(path);
    }

    /** As the report page, through MicroProfile Rest Client 2.0 with the feature registered by class. */
    @Test
    void theRestClientCallsABackendWithAServiceTokenAndTheCallersContext() throws Exception {
        HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(uri("/secured/rest-report"))
                .header("X-User-Context", EdgeContexts.context("rita", Set.of())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, report.statusCode(), report.body());
        assertTrue(report.body().contains("subject=rita\n") && report.body().contains("service=orders-service\n"),
                report.body());
    }

    @Test
    void runsOnThePayaraTheBuildNamed() throws Exception {
        String log = Files.readString(server.log());
        String version = "Payara Micro  " + System.getProperty("edgeauth.payara5.version") + " ";
        assertTrue(log.contains(version), "no \"" + version + "\" in " + server.log());
    }
}
