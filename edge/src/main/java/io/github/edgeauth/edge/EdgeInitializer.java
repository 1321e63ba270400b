package io.github.edgeauth.edge;

import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.edge.internal.config.SignInConfiguration;
import io.github.edgeauth.edge.internal.forwarding.ClientHeaderPolicy;
import io.github.edgeauth.edge.internal.forwarding.ForwardingServlet;
import io.github.edgeauth.edge.internal.forwarding.IdentityHeaderStripping;
import io.github.edgeauth.edge.internal.keys.JwksServlet;
import io.github.edgeauth.edge.internal.keys.KeyRing;
import io.github.edgeauth.edge.internal.keys.SignedContextCache;
import io.github.edgeauth.edge.internal.routes.Route;
import io.github.edgeauth.edge.internal.session.EdgeAuthentication;
import io.github.edgeauth.edge.internal.session.ProfileMapping;
import io.github.edgeauth.edge.internal.session.SignOutRecords;
import io.github.edgeauth.edge.internal.session.SessionLifetime;
import io.github.edgeauth.edge.internal.session.SessionRefresher;
import io.github.edgeauth.edge.internal.session.EdgeSessions;
import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.edge.internal.signin.OidcSignIn;
import io.github.edgeauth.edge.internal.signin.PendingSignInCookie;
import io.github.edgeauth.edge.internal.signin.ProviderProbe;
import io.github.edgeauth.edge.internal.signin.SignInCallback;
import io.github.edgeauth.edge.internal.signin.SignInMetrics;
import io.github.edgeauth.edge.internal.signout.BackchannelSignOutServlet;
import io.github.edgeauth.edge.internal.signout.SignOut;
import io.github.edgeauth.edge.internal.web.EdgePaths;
import io.github.edgeauth.edge.internal.web.RequestScreening;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import io.github.edgeauth.core.internal.token.ProviderTokenVerifier;
import io.github.edgeauth.core.internal.token.ClaimMapping;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;

import com.nimbusds.jose.JWSAlgorithm;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The edge's entry point: a WAR that holds this jar becomes the edge. At deployment it reads the settings
 * (system properties, env vars, MicroProfile Config, context-params) and wires the parts of its packages
 * together, installing them in the order requests meet them: request screening and identity-header stripping
 * ({@code web}, {@code forwarding}), the sign-in callback ({@code signin}), sign-out ({@code signout}), who is
 * calling (session or bearer token, {@code session}), then the JWKS endpoint ({@code keys}), the forwarding
 * servlet at each route's mount ({@code forwarding}) and the back-channel sign-out endpoint.
 * A wrong setting fails the deployment with one message naming it.
 */
public final class EdgeInitializer implements ServletContainerInitializer {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    /** The algorithms the provider's tokens may be signed with. */
    private static final Set<JWSAlgorithm> PROVIDER_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
            JWSAlgorithm.ES256);

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        EdgeConfiguration config;
        SignInConfiguration login;
        try {
            Settings settings = Settings.forWebApp(name -> null, context);
            config = EdgeConfiguration.read(settings);
            login = SignInConfiguration.read(settings);
        } catch (ConfigurationException e) {
            LOG.severe(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        if (config.development()) {
            LOG.warning(() -> "edgeauth edge in development mode (" + EdgeSettings.DEVELOPMENT.name()
                    + "=true): the session cookie is not Secure. Never in production.");
        } else {
            context.getSessionCookieConfig().setSecure(true);
        }
        install(context, config, login, Clock.systemUTC());
        LOG.info(() -> "edgeauth edge ready: id=" + config.id() + " issuer=" + login.issuer()
                + " routes=" + config.routes().keySet() + " kid=" + config.keys().current().getKeyID());
    }

    /** Installs the edge into {@code context}; the order of the filters is the order requests meet them. */
    static void install(ServletContext context, EdgeConfiguration config, SignInConfiguration login, Clock clock) {
        RejectionCounts refusals = new RejectionCounts();
        FilterRegistration.Dynamic screen = context.addFilter("edgeauth-screen-requests", new RequestScreening(refusals,
                mounts(config), Set.of(EdgePaths.LOGOUT, EdgePaths.BACKCHANNEL_LOGOUT, EdgePaths.CALLBACK)));
        screen.setAsyncSupported(true);
        screen.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        FilterRegistration.Dynamic strip = context.addFilter("edgeauth-strip-identity-headers",
                new IdentityHeaderStripping(new ClientHeaderPolicy(config.stripHeaders(), Set.of())));
        strip.setAsyncSupported(true);
        strip.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        context.addListener(new SignInMetrics(refusals));
        OidcSignIn oidc = new OidcSignIn(login, context.getContextPath(), config.publicOrigin(),
                PendingSignInCookie.derivedFrom(config.keys().current(), context.getContextPath(), Clock.systemUTC()));
        String home = context.getContextPath() + "/";
        SessionLifetime lifetime = new SessionLifetime(login.sessionIdle(), login.sessionLifetime(), clock);
        ClaimMapping roles = new ClaimMapping(login.roleClaim(), login.roleClaimSeparated());
        ProfileMapping mapping = new ProfileMapping(login.roleClaim(), login.roleClaimSeparated(),
                Optional.of(ProviderTokenVerifier.sessionAccessTokens(login.issuer(), PROVIDER_ALGORITHMS, roles,
                        Duration.ofSeconds(60))));
        SignOutRecords logouts = SignOutRecords.at(login.cacheManager(), clock);
        EdgeSessions sessions = EdgeSessions.at(login.cacheManager(), lifetime.kept(), logouts, mapping, clock);
        LOG.info(() -> "edgeauth edge: sessions are kept in " + sessions.describe() + ", back-channel logouts in "
                + logouts.describe());
        context.addFilter("edgeauth-login-callback", new SignInCallback(oidc, home, config.publicOrigin(),
                        (profile, request, response) -> sessions.begin(profile, request, response,
                                config.publicOrigin().secure(request)), refusals))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, EdgePaths.CALLBACK);

        context.addFilter("edgeauth-logout", new SignOut(oidc, login.clientId(), login.postLogoutUrl(),
                        config.publicOrigin(), refusals, sessions))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, EdgePaths.LOGOUT);

        Optional<ProviderTokenVerifier> bearer = login.bearerAudience().map(audience ->
                ProviderTokenVerifier.edgeBearerTokens(login.issuer(), audience, PROVIDER_ALGORITHMS, roles,
                        Duration.ofSeconds(60)));
        if (bearer.isEmpty()) {
            LOG.info(() -> "edgeauth edge: API clients with bearer tokens are off; to accept the provider's access"
                    + " tokens, set " + EdgeSettings.BEARER_AUDIENCE.name() + " to the audience it puts in them");
        }
        EdgeAuthentication authentication = new EdgeAuthentication(oidc, bearer, sessions,
                new SessionRefresher(oidc.client(), sessions, logouts, clock), lifetime, login.publicPaths(),
                new ProviderProbe(login.issuer(), clock), config.publicOrigin(), refusals);
        FilterRegistration.Dynamic authenticate = context.addFilter("edgeauth-authenticate", authentication);
        authenticate.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");

        installForwarding(context, config, clock);

        ProviderTokenVerifier logoutTokens = ProviderTokenVerifier.logoutTokens(login.issuer(), login.clientId(),
                PROVIDER_ALGORITHMS, Duration.ofSeconds(60));
        context.addServlet("edgeauth-backchannel-logout", new BackchannelSignOutServlet(logoutTokens, sessions, logouts, refusals))
                .addMapping(EdgePaths.BACKCHANNEL_LOGOUT);
    }

    /** The JWKS endpoint and the forwarding servlet, which need no login configuration. */
    public static void installForwarding(ServletContext context, EdgeConfiguration config, Clock clock) {
        KeyRing keys = new KeyRing(config.keys(), config.keySource(), config.id(), config.contextTtl(),
                config.keyCheckInterval(), clock);
        ServletRegistration.Dynamic jwks = context.addServlet("edgeauth-jwks", new JwksServlet(keys::jwks));
        jwks.addMapping(JwksServlet.PATH);

        SignedContextCache issuer = new SignedContextCache(keys::signer, config.contextTtl(), clock);
        ServletRegistration.Dynamic forward = context.addServlet("edgeauth-forward", new ForwardingServlet(config, issuer));
        config.routes().values().forEach(route -> forward.addMapping(route.mount() + "/*"));
    }

    /** Where the routes are served at the edge. */
    public static Set<String> mounts(EdgeConfiguration config) {
        return config.routes().values().stream().map(Route::mount).collect(java.util.stream.Collectors.toSet());
    }
}
