package io.github.edgeauth.it;

import com.nimbusds.jose.jwk.JWK;
import io.github.edgeauth.it.legacy.WhoAmIResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The jars a backend WAR adds (the filter, core and nimbus), as the build made them, for the deployments. */
final class Archives {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

    private Archives() {
    }

    /**
     * {@code legacy.war}: a legacy-style WAR with no beans.xml and no web.xml, its one JAX-RS resource
     * answering who the caller is, that only adds the filter jar (and what it needs).
     */
    static WebArchive legacyWar() throws URISyntaxException {
        return ShrinkWrap.create(WebArchive.class, "legacy.war")
                .addClasses(WhoAmIResource.class, WhoAmIResource.LegacyApplication.class)
                .addAsLibraries(filterJar(), coreJar())
                .addAsLibraries(nimbusJar());
    }

    /** The edge WAR the build made ({@code edge-war.war}, the one the demo runs), unchanged. */
    static WebArchive edgeWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                Path.of(System.getProperty("edgeauth.demo.dir"), "edge-war.war").toFile());
    }

    /** A legacy backend WAR: {@code classes}, the web.xml at {@code webXml}, and the filter with what it needs. */
    static WebArchive backendWar(String name, URL webXml, Class<?>... classes) throws URISyntaxException {
        return ShrinkWrap.create(WebArchive.class, name).addClasses(classes).setWebXML(webXml)
                .addAsLibraries(filterJar(), coreJar())
                .addAsLibraries(nimbusJar());
    }

    /** {@code edgeauth-filter.jar} as the build made it: classes, web fragment, beans.xml, CDI extension. */
    static JavaArchive filterJar() {
        return builtArchive("filter", "edgeauth-filter-");
    }

    /** {@code edgeauth-core.jar} as the build made it, which the filter and the client depend on. */
    static JavaArchive coreJar() {
        return builtArchive("core", "edgeauth-core-");
    }

    /** {@code edgeauth-jaxrs-client.jar} as the build made it: the client feature, which needs only core. */
    static JavaArchive clientJar() {
        return builtArchive("jaxrs-client-feature", "edgeauth-jaxrs-client-");
    }

    private static JavaArchive builtArchive(String module, String prefix) {
        Path jar = built(module, prefix, ".jar");
        return ShrinkWrap.createFromZipFile(JavaArchive.class, jar.toFile());
    }

    /**
     * The one jar in {@code <module>/target} named {@code prefix<version>suffix}: the library jar for
     * {@code ".jar"} (never sources, javadoc, tests or cli), the cli jar for {@code "-cli.jar"}.
     */
    static Path built(String module, String prefix, String suffix) {
        try (Stream<Path> files = Files.list(ROOT.resolve(module).resolve("target"))) {
            List<Path> found = files.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix) && !name.endsWith("-sources.jar")
                        && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar")
                        && (suffix.equals("-cli.jar") || !name.endsWith("-cli.jar"));
            }).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one built jar in " + module + "/target: " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nimbus-jose-jwt jar from the test classpath. */
    static File nimbusJar() throws URISyntaxException {
        return new File(JWK.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
