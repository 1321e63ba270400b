package io.github.edgeauth.it;

import io.github.edgeauth.it.tomcat.WhoAmIServlet;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plain Tomcat 10.1, embedded in the test JVM on 127.0.0.1, and the legacy WAR it serves: exploded, its
 * WEB-INF/lib holding the built filter, core and nimbus jars, its web.xml only setting context-params and
 * mapping its own servlet.
 */
final class EmbeddedTomcat {
    private EmbeddedTomcat() {
    }

    /** Writes the legacy WAR, exploded, into {@code dir/legacy}. */
    static Path legacyWar(Path dir) throws Exception {
        Path war = dir.resolve("legacy");
        Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
        Files.copy(Archives.built("filter", "edgeauth-filter-", ".jar"), lib.resolve("edgeauth-filter.jar"));
        Files.copy(Archives.built("core", "edgeauth-core-", ".jar"), lib.resolve("edgeauth-core.jar"));
        Files.copy(Archives.nimbusJar().toPath(), lib.resolve("nimbus-jose-jwt.jar"));
        Path classes = war.resolve("WEB-INF/classes/io/github/edgeauth/it/tomcat");
        Files.createDirectories(classes);
        Files.copy(Path.of(WhoAmIServlet.class.getResource("WhoAmIServlet.class").toURI()),
                classes.resolve("WhoAmIServlet.class"));
        String webXml = Files.readString(Path.of(EmbeddedTomcat.class.getResource("/tomcat/web.xml").toURI()))
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

    /**
     * As in a real Tomcat: only the WAR's own jars are scanned for fragments, not this test's class path, and
     * the WAR sees no Jakarta Security, which this test's class path has but Tomcat does not.
     */
    private static final class WarJarsOnly extends ContextConfig {
        @Override
        public void lifecycleEvent(LifecycleEvent event) {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Context context = (Context) event.getLifecycle();
                ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
                context.setParentClassLoader(new WithoutJakartaSecurity(EmbeddedTomcat.class.getClassLoader()));
            }
            super.lifecycleEvent(event);
        }
    }

    /** This test's class path without the Jakarta Security API, as a plain Tomcat's common class loader is. */
    private static final class WithoutJakartaSecurity extends ClassLoader {
        WithoutJakartaSecurity(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.security.enterprise.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
