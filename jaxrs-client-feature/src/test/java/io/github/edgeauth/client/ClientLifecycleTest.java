package io.github.edgeauth.client;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the WAR stops, the feature lets go only of what that WAR itself holds in its WEB-INF/lib. */
class ClientLifecycleTest {

    /** A web application whose class loader is {@code loader} and whose WEB-INF/lib lists {@code jars}. */
    private static ServletContext application(ClassLoader loader, Set<String> jars) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getClassLoader" -> loader;
                    case "getResourcePaths" -> "/WEB-INF/lib/".equals(args[0]) ? jars : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A class loaded from {@code <war>/WEB-INF/lib/library.jar} (a copy of a real jar), as a container would. */
    private static Class<?> loadedFromWebInfLib(Path war) throws Exception {
        Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
        Path jar = Files.copy(Path.of(ServletContext.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                lib.resolve("library.jar"));
        ClassLoader webInfLib = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        return Class.forName(ServletContext.class.getName(), false, webInfLib);
    }

    @Test
    void theApplicationsOwnLoaderMeansItsOwnJar() {
        assertTrue(ClientLifecycle.inWebInfLibOf(application(ClientLifecycle.class.getClassLoader(), Set.of()),
                ClientLifecycle.class));
    }

    @Test
    void anotherLoaderForTheApplicationStillFindsTheJarInItsWebInfLib(@TempDir Path war) throws Exception {
        Class<?> type = loadedFromWebInfLib(war);
        ClassLoader threadContextLoader = new URLClassLoader(new URL[0], type.getClassLoader());
        assertTrue(ClientLifecycle.inWebInfLibOf(application(threadContextLoader,
                Set.of("/WEB-INF/lib/other.jar", "/WEB-INF/lib/library.jar")), type));
    }

    @Test
    void aJarOfTheServersOrOfAnotherApplicationIsNotThisApplications(@TempDir Path war) throws Exception {
        Class<?> type = loadedFromWebInfLib(war);
        ClassLoader threadContextLoader = new URLClassLoader(new URL[0], type.getClassLoader());
        assertFalse(ClientLifecycle.inWebInfLibOf(application(threadContextLoader, Set.of("/WEB-INF/lib/other.jar")), type));
        assertFalse(ClientLifecycle.inWebInfLibOf(application(threadContextLoader, null), type));
        assertFalse(ClientLifecycle.inWebInfLibOf(application(threadContextLoader, Set.of("/WEB-INF/lib/")), ClientLifecycle.class));
    }
}
