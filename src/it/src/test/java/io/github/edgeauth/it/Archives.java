package io.github.edgeauth.it;

import com.nimbusds.jose.jwk.JWK;
import io.github.edgeauth.filter.UserContextFilter;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.File;
import java.net.URISyntaxException;

/** The jars a backend WAR adds, as ShrinkWrap archives for Arquillian deployments. */
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

    /**
     * Polls {@code uri} until the server answers at all, with a deadline: the post-boot command that binds
     * Payara's listener to 127.0.0.1 may still be re-opening it when Arquillian reports the deployment.
     */
    static void awaitListening(java.net.URI uri) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing listens at " + uri, notYet);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The nimbus-jose-jwt jar from the test classpath. */
    static File nimbusJar() throws URISyntaxException {
        return new File(JWK.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
