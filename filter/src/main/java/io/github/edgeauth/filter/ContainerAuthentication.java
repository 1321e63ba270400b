package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.ProblemResponse;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.http.RequestPath;
import io.github.edgeauth.core.internal.token.ClaimMapping;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Tells the container who the caller is, so {@code <security-constraint>}, {@code @RolesAllowed} (servlets,
 * JAX-RS, EJBs), {@code SecurityContext} and {@code EJBContext.getCallerPrincipal()} work unchanged. What the
 * Jakarta Authentication (JASPIC) context the container calls before any filter does ({@link ModuleProvider}):
 * it verifies with the filter's own code and settings, and the filter then sees the request already verified and
 * does not verify it again. One per application, shared by its requests, so it keeps no handler of the
 * container's. Registered for its application by {@link ContainerSecurity} (no CDI lookup per request).
 */
final class ContainerAuthentication {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.filter");
    /** Set by the container when the requested resource is protected (a constraint applies). */
    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";

    private final FilterConfiguration config;
    private final RequestAuthenticator authenticator;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    ContainerAuthentication(FilterConfiguration config) {
        this.config = config;
        this.authenticator = new RequestAuthenticator(config);
    }

    /**
     * Validates {@code message}, naming the caller to {@code container}: the handler of the context the container
     * asked for, which some containers make per request (WildFly), so it is never kept in this shared module.
     */
    AuthStatus validateRequest(MessageInfo message, Subject client, CallbackHandler container) {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
        String requestId = RequestId.of(request);
        try {
            var path = RequestPath.inApplication(request);
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
                return Boolean.parseBoolean(String.valueOf(message.getMap().get(MANDATORY)))
                        ? refuse(request, response, ReasonCode.MISSING_CREDENTIALS, requestId, Set.of())
                        : tellContainer(container, request, response, requestId,
                                new CallerPrincipalCallback(client, (Principal) null));
            }
            request.setAttribute(UserContext.REQUEST_ATTRIBUTE, user);
            request.setAttribute(RequestId.ATTRIBUTE, requestId);
            String token = request.getHeader(config.contextHeader());
            if (token != null) {
                request.setAttribute(UserContext.TOKEN_ATTRIBUTE, token.trim());
            }
            Set<String> groups = config.roleMapping().groupsOf(user);
            return tellContainer(container, request, response, requestId,
                    new CallerPrincipalCallback(client, ClaimMapping.principalName(user, config.principalClaim())),
                    new GroupPrincipalCallback(client, groups.toArray(String[]::new)));
        } catch (IOException e) {
            return AuthStatus.SEND_FAILURE;
        }
    }

    /**
     * Names the caller (or no caller) to the container. A container that refuses an identity it cannot find
     * in its own realm (WildFly's default) throws here: the request is refused with {@code container_refused},
     * never served without container security, and the log says once how to fix the server.
     */
    private AuthStatus tellContainer(CallbackHandler container, HttpServletRequest request, HttpServletResponse response,
                                     String requestId, Callback... callbacks) throws IOException {
        try {
            container.handle(callbacks);
            return AuthStatus.SUCCESS;
        } catch (IOException | javax.security.auth.callback.UnsupportedCallbackException | RuntimeException refused) {
            if (refusalLogged.compareAndSet(false, true)) {
                LOG.severe("edgeauth: the container refused the verified caller (" + refused.getClass().getSimpleName()
                        + "); every such request is refused with container_refused. On WildFly run"
                        + " docs/wildfly/configure-edgeauth.cli (integrated-jaspi=false); see docs/container-security.md");
            }
            return refuse(request, response, ReasonCode.CONTAINER_REFUSED, requestId, Set.of());
        }
    }

    private AuthStatus refuse(HttpServletRequest request, HttpServletResponse response, ReasonCode reason,
                              String requestId, Set<String> scopes) throws IOException {
        config.metrics().rejectionCounts().count(reason);
        RejectionLog.log(LOG, reason, request, requestId, "via", "container-security");
        ProblemResponse.closeIfBodyUnread(request, response);
        ProblemResponse.send(response, reason, requestId, scopes);
        return AuthStatus.SEND_FAILURE;
    }

    /** Nothing to add to a response. */
    AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }
}
