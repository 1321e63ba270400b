package io.github.edgeauth.filter;

import io.github.edgeauth.core.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;

import java.lang.reflect.Type;
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

    void noticeMechanisms(@Observes ProcessBean<?> event) {
        for (Type type : event.getBean().getTypes()) {
            if (type.getTypeName().equals(MECHANISM) && event.getBean().getBeanClass() != ContainerAuthentication.class) {
                applicationMechanism = event.getBean().getBeanClass().getName();
            }
        }
    }

    void addMechanism(@Observes AfterBeanDiscovery discovery) {
        if (!Settings.standalone().bool(FilterSettings.CONTAINER_SECURITY) || !present(MECHANISM)) {
            return;
        }
        if (applicationMechanism != null) {
            LOG.info("edgeauth: container security left to the application's own mechanism " + applicationMechanism
                    + "; the filter still sets the user for getUserPrincipal() and isUserInRole()");
            return;
        }
        discovery.addBean()
                .beanClass(ContainerAuthentication.class)
                .types(mechanismType(), Object.class)
                .scope(ApplicationScoped.class)
                .createWith(creation -> new ContainerAuthentication());
        LOG.fine("edgeauth: container security on (Jakarta Security found)");
    }

    private static Class<?> mechanismType() {
        try {
            return Class.forName(MECHANISM, false, ContainerSecurityExtension.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
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
