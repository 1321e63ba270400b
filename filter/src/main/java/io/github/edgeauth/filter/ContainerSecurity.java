package io.github.edgeauth.filter;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContext;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Registers {@link ContainerAuthentication} with the container for one application, as a Jakarta
 * Authentication module (the container then calls it directly, before any filter), unless the application
 * authenticates by itself: with its own {@code HttpAuthenticationMechanism} or its own registered module.
 * Only loaded where the container has Jakarta Security and Jakarta Authentication (a full Jakarta EE server).
 * It registers a provider ({@link ModuleProvider}), which JASPIC 1.1 (Java EE 8) has too, and keeps the
 * registration's id in the application for {@link #unregister}.
 */
final class ContainerSecurity {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");
    private static final String LAYER = "HttpServlet";
    private static final String REGISTRATION = ContainerSecurity.class.getName() + ".registration";

    private ContainerSecurity() {
    }

    /** Registers the module for {@code context}; true when it did. */
    static boolean register(ServletContext context, FilterConfiguration config) {
        Optional<String> own = applicationMechanism();
        if (own.isPresent()) {
            LOG.info("edgeauth: container security left to the application's own mechanism " + own.get()
                    + "; the filter still sets the user for getUserPrincipal() and isUserInRole()");
            return false;
        }
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (hasOwnModule(factory, context)) {
            LOG.info("edgeauth: container security left to the authentication module the application registered;"
                    + " the filter still sets the user for getUserPrincipal() and isUserInRole()");
            return false;
        }
        String id = factory.registerConfigProvider(new ModuleProvider(new ContainerAuthentication(config)), LAYER,
                appContext(context), "edgeauth: the verified user context for " + context.getContextPath());
        context.setAttribute(REGISTRATION, id);
        return true;
    }

    /** Removes the module registered for {@code context}. */
    static void unregister(ServletContext context) {
        if (context.getAttribute(REGISTRATION) instanceof String id) {
            AuthConfigFactory.getFactory().removeRegistration(id);
            context.removeAttribute(REGISTRATION);
        }
    }

    /** The application's context as the Servlet profile of the standard names it: host, space, context path. */
    private static String appContext(ServletContext context) {
        return context.getVirtualServerName() + " " + context.getContextPath();
    }

    /** A mechanism among the application's own classes, as {@link ContainerSecurityExtension} noted it. */
    private static Optional<String> applicationMechanism() {
        try {
            return CDI.current().getBeanManager().getExtension(ContainerSecurityExtension.class).applicationMechanism();
        } catch (RuntimeException noCdiHere) {
            return Optional.empty();
        }
    }

    /** A module registered for exactly this application (by Jakarta Security's mechanism, say). */
    private static boolean hasOwnModule(AuthConfigFactory factory, ServletContext context) {
        String appContext = appContext(context);
        for (String id : factory.getRegistrationIDs(null)) {
            AuthConfigFactory.RegistrationContext registration = factory.getRegistrationContext(id);
            if (registration != null && LAYER.equals(registration.getMessageLayer())
                    && appContext.equals(registration.getAppContext())) {
                return true;
            }
        }
        return false;
    }
}
