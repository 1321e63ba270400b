package io.github.edgeauth.it;

import com.nimbusds.jose.jwk.JWK;
import io.github.edgeauth.filter.UserContextFilter;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;

/** The jars a backend WAR adds (the filter, core and nimbus), as ShrinkWrap archives for the deployments. */
final class Archives {
    private Archives() {
    }

    /** A legacy backend WAR: {@code classes}, the web.xml at {@code webXml}, and the filter with what it needs. */
    static WebArchive backendWar(String name, URL webXml, Class<?>... classes) throws URISyntaxException {
        return ShrinkWrap.create(WebArchive.class, name).addClasses(classes).setWebXML(webXml)
                .addAsLibraries(filterJar(), coreJar())
                .addAsLibraries(nimbusJar());
    }

    /** {@code edgeauth-filter.jar} as the build makes it: classes, web fragment, beans.xml, CDI extension. */
    static JavaArchive filterJar() {
        return ShrinkWrap.create(JavaArchive.class, "edgeauth-filter.jar")
                .addPackage(UserContextFilter.class.getPackage())
                .addAsManifestResource(UserContextFilter.class.getResource("/META-INF/web-fragment.xml"), "web-fragment.xml")
                .addAsManifestResource(UserContextFilter.class.getResource("/META-INF/beans.xml"), "beans.xml")
                .addAsManifestResource(UserContextFilter.class.getResource(
                        "/META-INF/services/jakarta.enterprise.inject.spi.Extension"),
                        "services/jakarta.enterprise.inject.spi.Extension");
    }

    /** {@code edgeauth-core.jar}, which the filter jar depends on: classes only, no web fragment. */
    static JavaArchive coreJar() {
        return ShrinkWrap.create(JavaArchive.class, "edgeauth-core.jar").addPackages(false,
                "io.github.edgeauth.core", "io.github.edgeauth.core.config", "io.github.edgeauth.core.http",
                "io.github.edgeauth.core.keys", "io.github.edgeauth.core.token");
    }

    /** {@code edgeauth-jaxrs-client.jar}: the client feature, which needs only core. */
    static JavaArchive clientJar() {
        return ShrinkWrap.create(JavaArchive.class, "edgeauth-jaxrs-client.jar")
                .addPackage(io.github.edgeauth.client.ServiceTokenFeature.class.getPackage())
                .addAsManifestResource(io.github.edgeauth.client.ServiceTokenFeature.class.getResource(
                        "/META-INF/services/jakarta.servlet.ServletContainerInitializer"),
                        "services/jakarta.servlet.ServletContainerInitializer");
    }

    /** The nimbus-jose-jwt jar from the test classpath. */
    static File nimbusJar() throws URISyntaxException {
        return new File(JWK.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
