package io.github.edgeauth.it.javax;

import com.nimbusds.jose.jwk.JWK;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Java EE 8 WAR, exploded: its WEB-INF/lib holds the javax jars the build made (filter, client, core) and
 * nimbus, and, for a server without JAX-RS (Tomcat), the JAX-RS 2.1 client the build copied; WEB-INF/classes the
 * given classes; its web.xml is a test resource with the test-only key's directory filled in.
 */
final class ExplodedWar {
    private ExplodedWar() {
    }

    /** A WAR of {@code classes} alone, annotated servlets without web.xml or edgeauth, into {@code dir/name}. */
    static Path plain(Path dir, String name, List<Class<?>> classes) throws IOException, URISyntaxException {
        Path war = fresh(dir.resolve(name));
        addClasses(war, classes);
        return war;
    }

    /** Writes the WAR into {@code dir/name}. */
    static Path write(Path dir, String name, String webXml, List<Class<?>> classes, boolean withJaxRsClient)
            throws IOException, URISyntaxException {
        Path war = fresh(dir.resolve(name));
        Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
        Files.copy(BuiltJars.library("javax/filter", "edgeauth-filter-javax-"), lib.resolve("edgeauth-filter-javax.jar"));
        Files.copy(BuiltJars.library("javax/core", "edgeauth-core-javax-"), lib.resolve("edgeauth-core-javax.jar"));
        Files.copy(BuiltJars.library("javax/jaxrs-client-feature", "edgeauth-jaxrs-client-javax-"),
                lib.resolve("edgeauth-jaxrs-client-javax.jar"));
        Files.copy(Path.of(JWK.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                lib.resolve("nimbus-jose-jwt.jar"));
        if (withJaxRsClient) {
            try (DirectoryStream<Path> jersey = Files.newDirectoryStream(Path.of(System.getProperty("edgeauth.war-lib")))) {
                for (Path jar : jersey) {
                    Files.copy(jar, lib.resolve(jar.getFileName()));
                }
            }
        }
        addClasses(war, classes);
        String descriptor = Files.readString(Path.of(ExplodedWar.class.getResource(webXml).toURI()))
                .replace("${edgeauth.it.resources}", System.getProperty("edgeauth.it.resources"));
        Files.writeString(war.resolve("WEB-INF/web.xml"), descriptor);
        return war;
    }

    /** {@code war}, emptied of what an earlier run wrote there. */
    private static Path fresh(Path war) throws IOException {
        if (Files.exists(war)) {
            try (Stream<Path> files = Files.walk(war)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return war;
    }

    private static void addClasses(Path war, List<Class<?>> classes) throws IOException, URISyntaxException {
        for (Class<?> type : classes) {
            Path file = war.resolve("WEB-INF/classes").resolve(type.getName().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.copy(Path.of(type.getResource(type.getSimpleName() + ".class").toURI()), file);
        }
    }
}
