package io.github.edgeauth.filter;

import io.github.edgeauth.core.config.ConfigurationException;
import io.github.edgeauth.core.config.Settings;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.util.Map;
import java.util.logging.Logger;

/**
 * Fails the deployment when the filter's settings are wrong. Some containers (Payara among them) only log
 * a filter whose {@code init} throws and then serve the application without it: unprotected. A listener
 * that throws stops the deployment everywhere, so the web fragment installs this one beside the filter.
 */
public final class DeploymentCheck implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");

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
                try {
                    context.setAttribute(FilterConfiguration.attributeFor(registration.getName()),
                            FilterConfiguration.read(Settings.forWebApp(initParams::get, initParams.keySet(), context)));
                } catch (ConfigurationException e) {
                    LOG.severe(e.getMessage());
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }
}
