package io.github.edgeauth.it.javax;

import com.nimbusds.jose.jwk.JWK;
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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plain Tomcat 9 (Servlet 4.0, javax.*), embedded in the test JVM on 127.0.0.1, and the Java EE 8 legacy WAR it
 * serves: exploded, its WEB-INF/lib holding the javax jars the build made (filter, client, core), nimbus and a
 * JAX-RS 2.1 client (Jersey 2), its web.xml only setting context-params and mapping its own servlets.
 */
final class Tomcat9 {
    private Tomcat9() {
    }

    /** Writes the legacy WAR, exploded, into {@code dir/legacy}. */
    static Path legacyWar(Path dir) throws IOException, URISyntaxException {
        Path war = dir.resolve("legacy");
        Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
        Files.copy(BuiltJars.library("javax/filter", "edgeauth-filter-javax-"), lib.resolve("edgeauth-filter-javax.jar"));
        Files.copy(BuiltJars.library("javax/core", "edgeauth-core-javax-"), lib.resolve("edgeauth-core-javax.jar"));
        Files.copy(BuiltJars.library("javax/jaxrs-client-feature", "edgeauth-jaxrs-client-javax-"),
                lib.resolve("edgeauth-jaxrs-client-javax.jar"));
        Files.copy(Path.of(JWK.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                lib.resolve("nimbus-jose-jwt.jar"));
        try (DirectoryStream<Path> jersey = Files.newDirectoryStream(Path.of(System.getProperty("edgeauth.war-lib")))) {
            for (Path jar : jersey) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        for (Class<?> servlet : new Class<?>[] {WhoAmIServlet.class, ReportServlet.class}) {
            Path file = war.resolve("WEB-INF/classes").resolve(servlet.getName().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.copy(Path.of(servlet.getResource(servlet.getSimpleName() + ".class").toURI()), file);
        }
        String webXml = Files.readString(Path.of(Tomcat9.class.getResource("/legacy/web.xml").toURI()))
                .replace("${edgeauth.it.resources}", System.getProperty("edgeauth.it.resources"));
        Files.writeString(war.resolve("WEB-INF/web.xml"), webXml);
        return war;
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
