package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.BearerCredential;
import io.github.edgeauth.core.internal.token.VerificationResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The filter's logic, free of servlet plumbing so it can be tested directly: finds the credentials, verifies
 * them, combines user and calling service, and applies the path policy.
 */
final class RequestAuthenticator {
    private final FilterConfiguration config;

    RequestAuthenticator(FilterConfiguration config) {
        this.config = config;
    }

    /**
     * @param path           the path inside the web application
     * @param contextHeaders every value of the context header
     * @param authorizations every value of {@code Authorization}
     */
    AccessDecision decide(String path, List<String> contextHeaders, List<String> authorizations) {
        boolean isPublic = config.paths().isPublic(path);
        AccessDecision identified = identify(contextHeaders, authorizations);
        if (identified instanceof AccessDecision.Deny deny) {
            // A bad credential on a public path is ignored; anywhere else it is an error, even when optional.
            return isPublic ? new AccessDecision.Allow(UserContext.anonymous()) : deny;
        }
        UserContext context = ((AccessDecision.Allow) identified).context();
        if (isPublic) {
            return identified;
        }
        Set<String> scopes = config.paths().requiredScopes(path);
        Set<String> roles = config.paths().requiredRoles(path);
        if (context.isAnonymous()) {
            if (config.identityRequired() || !scopes.isEmpty() || !roles.isEmpty()) {
                return new AccessDecision.Deny(ReasonCode.MISSING_CREDENTIALS, Optional.empty(), Optional.empty(), Set.of());
            }
            return identified;
        }
        Optional<String> subject = Optional.of(context.subject());
        if (!scopes.stream().allMatch(context::hasScope)) {
            return new AccessDecision.Deny(ReasonCode.INSUFFICIENT_SCOPE, Optional.empty(), subject, scopes);
        }
        if (!roles.stream().allMatch(context::hasRole)) {
            return new AccessDecision.Deny(ReasonCode.INSUFFICIENT_ROLE, Optional.empty(), subject, Set.of());
        }
        return identified;
    }

    private AccessDecision identify(List<String> contextHeaders, List<String> authorizations) {
        if (contextHeaders.size() > 1 || authorizations.size() > 1) {
            // Two values for one credential: some proxy or client is confused, and we will not guess.
            return new AccessDecision.Deny(ReasonCode.MALFORMED, Optional.empty(), Optional.empty(), Set.of());
        }
        Optional<String> contextToken = contextHeaders.stream().findFirst().map(String::trim);
        Optional<String> bearer = authorizations.stream().findFirst().flatMap(BearerCredential::of)
                .filter(this::isOurs);
        if (contextToken.isEmpty() && bearer.isEmpty()) {
            return new AccessDecision.Allow(UserContext.anonymous());
        }

        UserContext user = null;
        if (contextToken.isPresent()) {
            VerificationResult verified = config.contexts().verify(contextToken.get());
            if (verified instanceof VerificationResult.Rejected rejected) {
                return AccessDecision.Deny.of(rejected);
            }
            user = ((VerificationResult.Accepted) verified).context();
        }
        if (bearer.isEmpty()) {
            return new AccessDecision.Allow(user);
        }
        if (config.serviceTokens().isEmpty()) {
            return AccessDecision.Deny.of(VerificationResult.Rejected.of(ReasonCode.SERVICE_TOKENS_DISABLED));
        }
        VerificationResult verified = config.serviceTokens().get().verify(bearer.get());
        if (verified instanceof VerificationResult.Rejected rejected) {
            return AccessDecision.Deny.of(rejected);
        }
        UserContext service = ((VerificationResult.Accepted) verified).context();
        if (user == null) {
            return new AccessDecision.Allow(service);
        }
        return new AccessDecision.Allow(UserContext.Builder.from(user)
                .callingService(service.callingService().orElse(service.subject()))
                .serviceScopes(service.serviceScopes())
                .build());
    }

    /**
     * Whether a bearer token is edgeauth's to judge: always, except with the {@code alongside} policy, where only
     * a token that claims to come from the service issuer is; any other is left to the WAR's own checks.
     */
    private boolean isOurs(String bearer) {
        if (config.policy() != FilterConfiguration.Policy.ALONGSIDE) {
            return true;
        }
        return config.serviceTokens().map(tokens -> tokens.claimsToBeFromIssuer(bearer)).orElse(false);
    }
}
