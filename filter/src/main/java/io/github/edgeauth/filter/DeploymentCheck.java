package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Settings;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.util.Map;
import java.util.logging.Logger;

/**
 * Fails the deployment when the filter's settings are wrong (a filter switched off has none to check). Some
 * containers (Payara among them) only log a filter whose {@code init} throws and then serve the application
 * without it: unprotected. A listener that throws stops the deployment everywhere, so the web fragment
 * installs this one beside the filter. On a full Jakarta EE server it also registers the container
 * authentication that runs the container's own security ({@code ContainerSecurity}) with the same settings,
 * and removes it when the application stops.
 */
public final class DeploymentCheck implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");
    /** The filter whose settings container security uses: the one the jar's web fragment declares. */
    private static final String CONTAINER_FILTER = "edgeauth";
    /**
     * Jakarta Security and Jakarta Authentication: a full Jakarta EE server, whose container runs
     * {@code <security-constraint>}s and {@code @RolesAllowed}. A plain servlet container has neither.
     */
    private static final boolean FULL_JAKARTA_EE =
            present("jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism")
                    && present("jakarta.security.auth.message.config.AuthConfigFactory");

    private volatile boolean containerSecurity;

    /**
     * Reads the settings of every edgeauth filter of the application, as the filter would, and keeps each
     * configuration for its filter (see {@link FilterConfiguration#attributeFor}).
     */
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (UserContextFilter.class.getName().equals(registration.getClassName())) {
                Map<String, String> initParams = registration.getInitParameters();
                Settings settings = Settings.forWebApp(initParams::get, initParams.keySet(), context);
                FilterConfiguration config;
                try {
                    if (FilterConfiguration.switchedOff(settings)) {
                        continue; // nothing to check; the filter warns when it starts and lets every request pass
                    }
                    config = FilterConfiguration.read(settings);
                } catch (ConfigurationException e) {
                    LOG.severe(e.getMessage());
                    throw new IllegalStateException(e.getMessage(), e);
                }
                context.setAttribute(FilterConfiguration.attributeFor(registration.getName()), config);
                if (CONTAINER_FILTER.equals(registration.getName()) && config.containerSecurity()
                        && FULL_JAKARTA_EE) {
                    containerSecurity = ContainerSecurity.register(context, config);
                }
            }
        }
    }

    /** Removes the container authentication registered for this application. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (containerSecurity) {
            ContainerSecurity.unregister(event.getServletContext());
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, DeploymentCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
