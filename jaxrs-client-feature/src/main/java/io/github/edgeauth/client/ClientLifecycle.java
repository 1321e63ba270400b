package io.github.edgeauth.client;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

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
        if (ClientLifecycle.class.getClassLoader() != context.getClassLoader()) {
            return;
        }
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                ServiceTokenFeature.release();
            }
        });
    }
}
