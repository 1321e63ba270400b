package io.github.edgeauth.filter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.security.Principal;

/**
 * The request as old code sees it after the filter: {@code getUserPrincipal()}, {@code getRemoteUser()},
 * {@code isUserInRole()} and {@code getAuthType()} answer from the verified {@link UserContext}.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    /** What {@link #getAuthType()} answers for a request the filter authenticated. */
    static final String AUTH_TYPE = "EDGEAUTH";

    private final UserContext context;
    private final Principal principal;

    AuthenticatedRequest(HttpServletRequest request, UserContext context, String principalClaim) {
        super(request);
        this.context = context;
        this.principal = context.isAnonymous() ? null : new UserPrincipal(ClaimMapping.principalName(context, principalClaim));
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal == null ? null : principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && context.hasRole(role);
    }

    @Override
    public String getAuthType() {
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
