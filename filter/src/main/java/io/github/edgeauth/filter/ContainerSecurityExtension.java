package io.github.edgeauth.filter;

import io.github.edgeauth.core.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

import java.util.logging.Logger;

/**
 * Adds {@link ContainerAuthentication} as the application's HTTP authentication mechanism when the container
 * has Jakarta Security and the application brings no mechanism of its own. {@code
 * edgeauth.filter.container-security=false} turns it off: from web.xml the mechanism stays installed and
 * does nothing; as a system property, env var or MicroProfile Config key (read here, before the web
 * application's parameters exist) it is not installed at all. Without Jakarta Security nothing is added and
 * the filter alone does the work.
 */
public class ContainerSecurityExtension implements Extension {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");
    private static final String MECHANISM = "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism";

    private String applicationMechanism;

    /** Notes a mechanism the application brings: its own classes, not the server's built-in ones. */
    void noticeMechanisms(@Observes ProcessAnnotatedType<?> event) {
        Class<?> type = event.getAnnotatedType().getJavaClass();
        if (type != ContainerAuthentication.class && type.getClassLoader() == ContainerSecurityExtension.class.getClassLoader()
                && implementsMechanism(type)) {
            applicationMechanism = type.getName();
        }
    }

    /**
     * Adds the mechanism once every type of the application has been seen, as a type of its own (some servers,
     * Open Liberty among them, only use mechanisms that are discovered types); not when the application brings
     * one, since two would be ambiguous.
     */
    void addMechanism(@Observes AfterTypeDiscovery discovery) {
        if (!Settings.standalone().bool(FilterSettings.CONTAINER_SECURITY) || !present(MECHANISM)) {
            return;
        }
        if (applicationMechanism != null) {
            LOG.info("edgeauth: container security left to the application's own mechanism " + applicationMechanism
                    + "; the filter still sets the user for getUserPrincipal() and isUserInRole()");
            return;
        }
        discovery.addAnnotatedType(ContainerAuthentication.class, ContainerAuthentication.class.getName())
                .add(ApplicationScoped.Literal.INSTANCE);
    }

    private static boolean implementsMechanism(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(MECHANISM)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ContainerSecurityExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
