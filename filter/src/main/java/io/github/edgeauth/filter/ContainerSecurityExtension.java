package io.github.edgeauth.filter;

import io.github.edgeauth.core.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import java.util.logging.Logger;

/**
 * Adds {@link ContainerAuthentication} as the application's HTTP authentication mechanism when the container
 * has Jakarta Security, unless {@code edgeauth.filter.container-security=false} (as a system property,
 * env var or MicroProfile Config key: this runs before the web application's parameters exist). Without
 * Jakarta Security nothing is added and the filter alone does the work.
 */
public class ContainerSecurityExtension implements Extension {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");
    private static final String MECHANISM = "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism";

    void addMechanism(@Observes BeforeBeanDiscovery discovery) {
        boolean wanted = Settings.standalone().bool(FilterSettings.CONTAINER_SECURITY);
        if (!wanted || !present(MECHANISM)) {
            return;
        }
        discovery.addAnnotatedType(ContainerAuthentication.class, ContainerAuthentication.class.getName())
                .add(ApplicationScoped.Literal.INSTANCE);
        LOG.fine("edgeauth: container security on (Jakarta Security found)");
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
