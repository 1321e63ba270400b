package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.config.Settings;
import io.github.edgeauth.core.http.ProblemResponse;
import io.github.edgeauth.core.http.RejectionLog;
import io.github.edgeauth.core.http.RequestId;
import io.github.edgeauth.core.http.RequestPath;
import io.github.edgeauth.core.token.ClaimMapping;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Tells the container who the caller is, so {@code <security-constraint>}, {@code @RolesAllowed} (servlets,
 * JAX-RS, EJBs), {@code SecurityContext} and {@code EJBContext.getCallerPrincipal()} work unchanged. It runs
 * before any filter and verifies with the filter's own code and settings; the filter then sees the request
 * already verified and does not verify it again. Installed by {@link ContainerSecurityExtension} only where
 * the container has Jakarta Security; with {@code edgeauth.filter.container-security=false} it does nothing.
 */
class ContainerAuthentication implements HttpAuthenticationMechanism {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");

    private volatile FilterConfiguration config;
    private volatile RequestAuthenticator authenticator;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        ServletContext servletContext = request.getServletContext();
        if (!configured(servletContext) || !config.enabled() || !config.containerSecurity()) {
            return context.doNothing();
        }
        String requestId = RequestId.of(request);
        Optional<String> path = RequestPath.inApplication(request);
        try {
            if (path.isEmpty()) {
                return refuse(request, response, ReasonCode.BAD_TARGET, requestId, Set.of());
            }
            AccessDecision decision = authenticator.decide(path.get(),
                    Collections.list(request.getHeaders(config.contextHeader())),
                    Collections.list(request.getHeaders("Authorization")));
            if (decision instanceof AccessDecision.Deny deny) {
                return refuse(request, response, deny.reason(), requestId, deny.requiredScopes());
            }
            UserContext user = ((AccessDecision.Allow) decision).context();
            if (user.isAnonymous()) {
                return context.isProtected()
                        ? refuse(request, response, ReasonCode.MISSING_CREDENTIALS, requestId, Set.of())
                        : context.doNothing();
            }
            request.setAttribute(UserContext.REQUEST_ATTRIBUTE, user);
            request.setAttribute(RequestId.ATTRIBUTE, requestId);
            String token = request.getHeader(config.contextHeader());
            if (token != null) {
                request.setAttribute(UserContext.TOKEN_ATTRIBUTE, token.trim());
            }
            return tellContainer(request, response, context, requestId,
                    ClaimMapping.principalName(user, config.principalClaim()), config.roleMapping().groupsOf(user));
        } catch (IOException e) {
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    /**
     * Logs the caller in at the container. A container that refuses an identity it cannot find in its own
     * realm (WildFly's default) throws here: the request is refused with {@code container_refused}, never
     * served without container security, and the log says once how to fix the server.
     */
    private AuthenticationStatus tellContainer(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context, String requestId, String name,
                                               Set<String> groups) throws IOException {
        try {
            return context.notifyContainerAboutLogin(name, groups);
        } catch (RuntimeException refused) {
            if (refusalLogged.compareAndSet(false, true)) {
                LOG.severe("edgeauth: the container refused the verified caller (" + refused.getClass().getSimpleName()
                        + "); every such request is refused with container_refused. On WildFly run"
                        + " docs/wildfly/configure-edgeauth.cli (integrated-jaspi=false); see docs/container-security.md");
            }
            return refuse(request, response, ReasonCode.CONTAINER_REFUSED, requestId, Set.of());
        }
    }

    private AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
                                        ReasonCode reason, String requestId, Set<String> scopes)
            throws IOException {
        config.metrics().rejectionCounts().count(reason);
        RejectionLog.log(LOG, reason, request, requestId, "via", "container-security");
        ProblemResponse.closeIfBodyUnread(request, response);
        ProblemResponse.send(response, reason, requestId, scopes);
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * The configuration {@link DeploymentCheck} checked for the filter named {@code edgeauth}; read here, once,
     * the same way, only where that listener did not run (a WAR that declares the filter but not the listener).
     */
    private boolean configured(ServletContext servletContext) {
        if (config != null) {
            return true;
        }
        synchronized (this) {
            if (config == null) {
                Object checked = servletContext.getAttribute(FilterConfiguration.attributeFor("edgeauth"));
                FilterConfiguration read;
                if (checked instanceof FilterConfiguration configuration) {
                    read = configuration;
                } else {
                    Map<String, String> initParams = Optional.ofNullable(servletContext.getFilterRegistration("edgeauth"))
                            .map(FilterRegistration::getInitParameters).orElse(Map.of());
                    read = FilterConfiguration.read(Settings.forWebApp(initParams::get, initParams.keySet(),
                            servletContext));
                }
                authenticator = new RequestAuthenticator(read);
                config = read;
            }
        }
        return true;
    }
}
