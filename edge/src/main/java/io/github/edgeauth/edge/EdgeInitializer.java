package io.github.edgeauth.edge;

import io.github.edgeauth.filter.ConfigurationException;
import io.github.edgeauth.filter.ContextMinter;
import io.github.edgeauth.filter.Settings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The edge's entry point: a WAR that holds this jar becomes the edge. At deployment it reads the settings
 * (system properties, env vars, MicroProfile Config, context-params) and installs, in order: the identity
 * header stripping on every request, the JWKS endpoint, and the forwarding servlet on {@code /api/*}.
 * A wrong setting fails the deployment with one message naming it.
 */
public final class EdgeInitializer implements ServletContainerInitializer {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        EdgeConfiguration config;
        try {
            config = EdgeConfiguration.read(Settings.forWebApp(name -> null, context));
        } catch (ConfigurationException e) {
            LOG.severe(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        install(context, config, Clock.systemUTC());
        LOG.info(() -> "edgeauth edge ready: id=" + config.id() + " routes=" + config.routes().keySet()
                + " kid=" + config.keys().current().getKeyID());
    }

    static void install(ServletContext context, EdgeConfiguration config, Clock clock) {
        FilterRegistration.Dynamic strip = context.addFilter("edgeauth-strip-identity-headers",
                new IdentityHeaderStripping(config.stripHeaders()));
        strip.setAsyncSupported(true);
        strip.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        ServletRegistration.Dynamic jwks = context.addServlet("edgeauth-jwks", new JwksServlet(config.keys().publicSet()));
        jwks.addMapping(JwksServlet.PATH);

        ContextMinter minter = new ContextMinter(config.keys().current(), config.keys().algorithm(), config.id());
        ContextIssuer issuer = new ContextIssuer(minter, config.contextTtl(), clock);
        ServletRegistration.Dynamic forward = context.addServlet("edgeauth-forward", new ForwardingServlet(config, issuer));
        forward.addMapping("/api/*");
    }
}
