package io.github.edgeauth.it.javax;

import io.github.edgeauth.it.javax.app.AuditBean;
import io.github.edgeauth.it.javax.app.ReportServlet;
import io.github.edgeauth.it.javax.app.SecureServlet;
import io.github.edgeauth.it.javax.app.WhoAmIServlet;
import io.github.edgeauth.testkit.MockProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy-WAR cases ({@link JavaxServerCases}) on WildFly 26.1, configured by docs/wildfly/configure-edgeauth.cli
 * as WildFly 39 is; the client feature on RESTEasy.
 */
class JavaxOnWildFly26IT extends JavaxServerCases {

    private static Path dir;
    private static MockOAuth2Server provider;
    private static WildFly26 server;

    @BeforeAll
    static void start() throws Exception {
        provider = MockProvider.inThisJvm(0);
        dir = Files.createDirectories(Path.of(System.getProperty("edgeauth.it.dir", "target/it"), "wildfly26")
                .toAbsolutePath());
        server = WildFly26.forReports(dir, provider, "/secured");
        server.deploy("secured", ExplodedWar.write(dir, "secured", "/secured/web.xml",
                List.of(SecureServlet.class, AuditBean.class, ReportServlet.class, WhoAmIServlet.class), false));
    }

    @AfterAll
    static void stop() throws Exception {
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

    @Test
    void runsOnTheWildFlyTheBuildNamed() throws Exception {
        assertTrue(server.bootLine().contains("WildFly Full " + System.getProperty("edgeauth.wildfly26.version")),
                server.bootLine());
    }
}
