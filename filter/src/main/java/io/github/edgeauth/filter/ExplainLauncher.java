package io.github.edgeauth.filter;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code java -jar <filter jar> explain ...}: starts {@link ExplainCommand} wherever the jar is. The
 * self-contained {@code edgeauth-filter-<version>-cli.jar} carries everything; the plain jar finds
 * {@code edgeauth-core} and {@code nimbus-jose-jwt} of any version beside it (as in a WAR's
 * {@code WEB-INF/lib}). When they are missing it says so in one line, never with a stack trace.
 */
public final class ExplainLauncher {
    private static final String COMMAND = "io.github.edgeauth.filter.ExplainCommand";
    private static final List<String> NEEDED = List.of("edgeauth-core", "nimbus-jose-jwt");

    private ExplainLauncher() {
    }

    public static void main(String[] args) {
        System.exit(launch(args));
    }

    private static int launch(String[] args) {
        try {
            ClassLoader loader = present() ? ExplainLauncher.class.getClassLoader() : besideThisJar();
            if (loader == null) {
                System.err.println("edgeauth explain: needs edgeauth-core and nimbus-jose-jwt jars beside " + thisJar()
                        .map(Path::toString).orElse("this jar") + " (as in WEB-INF/lib), or run the self-contained"
                        + " edgeauth-filter-<version>-cli.jar");
                return 2;
            }
            Method main = Class.forName(COMMAND, true, loader).getDeclaredMethod("main", String[].class);
            main.setAccessible(true);
            main.invoke(null, (Object) args);
            return 0;
        } catch (InvocationTargetException e) {
            System.err.println("edgeauth explain: failed: " + e.getCause());
            return 2;
        } catch (ReflectiveOperationException | IOException | LinkageError e) {
            System.err.println("edgeauth explain: cannot start: " + e);
            return 2;
        }
    }

    private static boolean present() {
        try {
            Class.forName("com.nimbusds.jose.JWSObject", false, ExplainLauncher.class.getClassLoader());
            Class.forName("io.github.edgeauth.core.UserContext", false, ExplainLauncher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A loader over this jar and the first matching jar of each needed library in its folder; null if one lacks. */
    private static ClassLoader besideThisJar() throws IOException {
        Optional<Path> jar = thisJar();
        if (jar.isEmpty() || jar.get().getParent() == null) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        urls.add(jar.get().toUri().toURL());
        for (String library : NEEDED) {
            Optional<Path> found;
            try (Stream<Path> files = Files.list(jar.get().getParent())) {
                found = files.filter(path -> isRelease(path.getFileName().toString(), library)).sorted().findFirst();
            }
            if (found.isEmpty()) {
                return null;
            }
            urls.add(found.get().toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static boolean isRelease(String name, String library) {
        return name.startsWith(library + "-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar");
    }

    private static Optional<Path> thisJar() {
        try {
            var source = ExplainLauncher.class.getProtectionDomain().getCodeSource();
            Path path = source == null ? null : Path.of(source.getLocation().toURI());
            return path != null && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
