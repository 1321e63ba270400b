package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.http.LogSafe;
import io.github.edgeauth.core.internal.http.ProblemResponse;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.http.RequestPath;
import io.github.edgeauth.core.internal.metrics.ManagedBeans;
import io.github.edgeauth.core.internal.metrics.ServerMetrics;
import io.github.edgeauth.core.internal.token.VerificationResult;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * The backend's entry point: verifies the edge's signed user context and IdP-issued service tokens locally,
 * refuses what does not verify (401/403 with a reason code), and hands the application a {@link UserContext}
 * through CDI, {@link UserContext#current(ServletRequest)} and the servlet security methods.
 *
 * <p>The jar's {@code web-fragment.xml} installs it on {@code /*} as filter {@code edgeauth}; settings come
 * from system properties, env vars, MicroProfile Config, init-params or context-params (docs/settings.md).
 */
public final class UserContextFilter implements Filter {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");
    /** Whether a caller without roles was logged: once per filter. */
    private final java.util.concurrent.atomic.AtomicBoolean noRolesLogged = new java.util.concurrent.atomic.AtomicBoolean();

    /** Null while the filter is switched off ({@code edgeauth.filter.enabled=false}): every request passes. */
    private FilterConfiguration config;
    private RequestAuthenticator authenticator;
    private Optional<ObjectName> statistics = Optional.empty();
    private ServerMetrics published = ServerMetrics.none();

    /** Reads and checks every setting; a wrong one fails the deployment with a message naming it. */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        Object checked = filterConfig.getServletContext()
                .getAttribute(FilterConfiguration.attributeFor(filterConfig.getFilterName()));
        try {
            if (checked instanceof FilterConfiguration configuration) {
                init(configuration);
            } else {
                Settings settings = Settings.forFilter(filterConfig);
                if (FilterConfiguration.switchedOff(settings)) {
                    LOG.warning("edgeauth filter is switched off (" + FilterSettings.ENABLED.name() + "=false):"
                            + " requests pass unchecked and untouched, and no other edgeauth setting is read");
                    return;
                }
                init(FilterConfiguration.read(settings));
            }
        } catch (ConfigurationException e) {
            LOG.severe(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        register(filterConfig);
        if (config.development()) {
            LOG.warning("edgeauth filter in development mode (" + FilterSettings.DEVELOPMENT.name() + "=true):"
                    + " plain-http key and issuer URLs are accepted on any host. Never in production.");
        }
        if (config.policy() == FilterConfiguration.Policy.ALONGSIDE) {
            LOG.info("edgeauth filter runs alongside the application's own checks (edgeauth.filter.policy=alongside):"
                    + " requests without an edgeauth credential pass on to them");
        }
    }

    void init(FilterConfiguration configuration) {
        this.config = configuration;
        this.authenticator = new RequestAuthenticator(configuration);
    }

    private void register(FilterConfig filterConfig) {
        String path = filterConfig.getServletContext().getContextPath();
        statistics = ManagedBeans.register("BackendFilter", Map.of("application", path.isEmpty() ? "/" : path,
                "filter", filterConfig.getFilterName()), config.metrics());
        published = ServerMetrics.forServer(Map.of("application", path.isEmpty() ? "/" : path));
        config.metrics().publishTo(published);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (config == null || !(req instanceof HttpServletRequest request)
                || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (request.getAttribute(UserContext.REQUEST_ATTRIBUTE) instanceof UserContext verified) {
            // Already verified in this request (by the container's authentication mechanism, or before a
            // forward): never verify twice, but still answer the servlet security methods from the context.
            endSessionOfAnother(request, verified, RequestId.of(request));
            try {
                chain.doFilter(verified.isAnonymous() ? request
                        : new AuthenticatedRequest(request, verified, config.principalClaim()), response);
            } finally {
                SessionOwner.stamp(request.getSession(false), verified);
            }
            return;
        }
        String requestId = RequestId.of(request);
        java.util.Optional<String> path = RequestPath.inApplication(request);
        AccessDecision decision;
        try {
            decision = path.isEmpty() ? AccessDecision.Deny.of(VerificationResult.Rejected.of(ReasonCode.BAD_TARGET))
                    : authenticator.decide(path.get(),
                    headerValues(request, config.contextHeader()), headerValues(request, "Authorization"));
        } catch (RuntimeException e) {
            // Should not happen: verification maps every bad input to a reason. Still, never a 500 for it.
            LOG.log(Level.WARNING, "edgeauth internal error while verifying request_id=" + requestId
                    + " error=" + e.getClass().getName());
            decision = new AccessDecision.Deny(ReasonCode.MALFORMED, java.util.Optional.empty(),
                    java.util.Optional.empty(), java.util.Set.of());
        }
        if (decision instanceof AccessDecision.Deny deny) {
            logRejection(deny, requestId, request);
            ProblemResponse.closeIfBodyUnread(request, response);
            ProblemResponse.send(response, deny.reason(), requestId, deny.requiredScopes());
            return;
        }
        UserContext context = ((AccessDecision.Allow) decision).context();
        request.setAttribute(UserContext.REQUEST_ATTRIBUTE, context);
        request.setAttribute(RequestId.ATTRIBUTE, requestId);
        if (!context.isAnonymous()) {
            // Only reached when any context header present has verified: anonymous otherwise.
            String token = request.getHeader(config.contextHeader());
            if (token != null) {
                request.setAttribute(UserContext.TOKEN_ATTRIBUTE, token.trim());
            }
        }
        endSessionOfAnother(request, context, requestId);
        if (!context.isAnonymous() && context.roles().isEmpty() && noRolesLogged.compareAndSet(false, true)) {
            logNoRoles(context);
        }
        try {
            chain.doFilter(new AuthenticatedRequest(request, context, config.principalClaim()), response);
        } finally {
            // A session the application made through the container's own request (Weld's @SessionScoped beans do)
            // is this caller's too.
            SessionOwner.stamp(request.getSession(false), context);
        }
    }

    /**
     * Says, once per deployment, that a caller came with no roles, and which claims it had: a wrong role claim
     * otherwise shows only as {@code isUserInRole} false and the container's 403, with no line anywhere.
     */
    private void logNoRoles(UserContext context) {
        String claims = String.join(",", new java.util.TreeSet<>(context.claims().keySet()));
        LOG.warning(() -> "edgeauth filter: the first caller with no roles: claim " + config.roleClaim() + " ("
                + FilterSettings.ROLE_CLAIM.name() + ") gave none; its other claims are [" + LogSafe.clean(claims)
                + "]. If callers should have roles, the role claim is likely wrong: contexts from the edge carry"
                + " them in roles (docs/migration.md). Logged once.");
    }

    /** Ends a session that another caller made, before the application can read it ({@link SessionOwner}). */
    private static void endSessionOfAnother(HttpServletRequest request, UserContext caller, String requestId) {
        if (SessionOwner.endIfAnother(request, caller)) {
            LOG.info(() -> "edgeauth filter ended a session made by another caller request_id=" + requestId);
        }
    }

    /** Unregisters the filter's JMX bean; caches go with the filter instance. */
    @Override
    public void destroy() {
        ManagedBeans.unregister(statistics);
        published.close();
    }

    private static List<String> headerValues(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    private void logRejection(AccessDecision.Deny deny, String requestId, HttpServletRequest request) {
        config.metrics().rejectionCounts().count(deny.reason());
        List<String> details = new ArrayList<>(java.util.Arrays.asList("kid", deny.kid().orElse(null),
                "subject", deny.subject().orElse(null)));
        deny.mismatch().forEach((name, value) -> {
            details.add(name);
            details.add(value);
        });
        RejectionLog.log(LOG, deny.reason(), request, requestId, details.toArray(String[]::new));
    }
}
