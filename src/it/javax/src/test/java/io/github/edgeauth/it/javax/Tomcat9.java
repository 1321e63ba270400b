package io.github.edgeauth.it.javax;

import io.github.edgeauth.it.javax.app.ReportServlet;
import io.github.edgeauth.it.javax.app.WhoAmIServlet;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Plain Tomcat 9 (Servlet 4.0, javax.*), embedded in the test JVM on 127.0.0.1, and the Java EE 8 legacy WAR it
 * serves ({@link ExplodedWar}), whose web.xml only sets context-params and maps its own servlets.
 */
final class Tomcat9 {
    private Tomcat9() {
    }

    /** Writes the legacy WAR, exploded, into {@code dir/legacy}, with Jersey 2 as its JAX-RS client. */
    static Path legacyWar(Path dir) throws IOException, URISyntaxException {
        return ExplodedWar.write(dir, "legacy", "/legacy/web.xml", List.of(WhoAmIServlet.class, ReportServlet.class), true);
    }

    /** A started Tomcat with its base in {@code dir/tomcat}, listening on a free loopback port. */
    static Tomcat started(Path dir) throws LifecycleException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        Connector connector = tomcat.getConnector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setAddDefaultWebXmlToWebapp(false);
        tomcat.start();
        return tomcat;
    }

    /** Deploys the exploded WAR {@code war} at {@code /legacy}, started. */
    static Context deploy(Tomcat tomcat, Path war) {
        return tomcat.addWebapp(tomcat.getHost(), "/legacy", war.toString(), new WarJarsOnly());
    }

    /** As in a real Tomcat: only the WAR's own jars are scanned for fragments, not this test's class path. */
    private static final class WarJarsOnly extends ContextConfig {
        @Override
        public void lifecycleEvent(LifecycleEvent event) {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                ((StandardJarScanner) ((Context) event.getLifecycle()).getJarScanner()).setScanClassPath(false);
            }
            super.lifecycleEvent(event);
        }
    }
}
