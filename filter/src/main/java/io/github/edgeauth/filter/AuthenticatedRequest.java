package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ClaimMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;

/**
 * The request as old code sees it after the filter: {@code getUserPrincipal()}, {@code getRemoteUser()},
 * {@code isUserInRole()} and {@code getAuthType()} answer from the verified {@link UserContext}, and a session
 * made through it belongs to that caller ({@link SessionOwner}).
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    /** What {@link #getAuthType()} answers for a request the filter authenticated. */
    static final String AUTH_TYPE = "EDGEAUTH";

    private final UserContext context;
    private final Principal principal;
    private final boolean containerKnowsCaller;

    AuthenticatedRequest(HttpServletRequest request, UserContext context, String principalClaim) {
        super(request);
        this.context = context;
        // When container security already logged the caller in, the container's principal is the one that
        // must show (EJB calls carry it); the wrapper then only adds the context's roles to isUserInRole.
        this.containerKnowsCaller = request.getUserPrincipal() != null;
        this.principal = context.isAnonymous() ? null : new UserPrincipal(ClaimMapping.principalName(context, principalClaim));
    }

    @Override
    public Principal getUserPrincipal() {
        return containerKnowsCaller ? super.getUserPrincipal() : principal;
    }

    @Override
    public String getRemoteUser() {
        if (containerKnowsCaller) {
            return super.getRemoteUser();
        }
        return principal == null ? null : principal.getName();
    }

    /** A role of the context, or one the container grants (a role mapped by container security). */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && (context.hasRole(role) || !context.isAnonymous() && super.isUserInRole(role));
    }

    /** The session, stamped as this caller's when it is made here ({@link SessionOwner}). */
    @Override
    public HttpSession getSession(boolean create) {
        HttpSession session = super.getSession(create);
        SessionOwner.stamp(session, context);
        return session;
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String getAuthType() {
        if (containerKnowsCaller) {
            return super.getAuthType();
        }
        return principal == null ? null : AUTH_TYPE;
    }

    /** The principal handed to old code; its name is the configured principal claim. */
    record UserPrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }
}
