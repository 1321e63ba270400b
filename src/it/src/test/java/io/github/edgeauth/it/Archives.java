package io.github.edgeauth.it;

import com.nimbusds.jose.jwk.JWK;
import io.github.edgeauth.filter.UserContextFilter;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.File;
import java.net.URISyntaxException;

/** The jars a backend WAR adds, as ShrinkWrap archives for the Arquillian deployments. */
final class Archives {
    private Archives() {
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

    /** The nimbus-jose-jwt jar from the test classpath. */
    static File nimbusJar() throws URISyntaxException {
        return new File(JWK.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
