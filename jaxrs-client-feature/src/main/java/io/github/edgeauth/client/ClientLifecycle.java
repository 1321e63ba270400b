package io.github.edgeauth.client;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.net.URL;
import java.util.Set;

/**
 * Found by the servlet container in the jar: when the web application that holds this jar in its
 * {@code WEB-INF/lib} stops, the shared token cache is emptied and its refresh threads are stopped, so an
 * undeployed application leaves no thread and no class behind. A jar shared by several applications (on the
 * server's own class path) is left alone.
 */
public final class ClientLifecycle implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (!inWebInfLibOf(context, ClientLifecycle.class)) {
            return;
        }
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                ServiceTokenFeature.release();
            }
        });
    }

    /**
     * Whether {@code type} comes from a jar in the application's own {@code WEB-INF/lib}: its class loader is
     * the application's, or, where the container hands out another loader for the application (Open Liberty
     * gives a thread context loader that delegates to it), it was loaded from one of the jars the application
     * lists there.
     */
    static boolean inWebInfLibOf(ServletContext context, Class<?> type) {
        if (type.getClassLoader() == context.getClassLoader()) {
            return true;
        }
        Set<String> jars = context.getResourcePaths("/WEB-INF/lib/");
        URL loadedFrom = type.getResource(type.getSimpleName() + ".class");
        if (jars == null || loadedFrom == null) {
            return false;
        }
        String location = loadedFrom.toString();
        return jars.stream().filter(jar -> jar.endsWith(".jar"))
                .anyMatch(jar -> location.contains(jar + "!/") || location.contains(jar + "/"));
    }
}
