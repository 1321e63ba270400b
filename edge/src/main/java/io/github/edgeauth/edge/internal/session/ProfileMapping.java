package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.core.internal.http.LogSafe;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ProviderTokenVerifier;
import io.github.edgeauth.core.internal.token.ClaimValues;
import io.github.edgeauth.core.internal.token.VerificationResult;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import org.pac4j.oidc.profile.OidcProfile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Turns the pac4j profile of a logged-in user into the {@link UserContext} the edge signs: subject, name,
 * e-mail, roles from the configured claim (a name or a dotted path such as {@code realm_access.roles}), the
 * scopes, and the provider's session id. Roles and scopes come from the access token when it is a JWT that
 * verifies against the provider's keys (Keycloak, by default, puts roles only there), else from userinfo and
 * the ID token. Only a few extra claims travel, to keep the header small.
 */
public final class ProfileMapping {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    /** Extra claims carried in the context when the provider gives them. */
    static final Set<String> CARRIED = Set.of("preferred_username", "given_name", "family_name");

    private final String roleClaim;
    private final boolean rolesSpaceSeparated;
    private final Optional<ProviderTokenVerifier> accessTokens;

    public ProfileMapping(String roleClaim) {
        this(roleClaim, false, Optional.empty());
    }

    /**
     * @param rolesSpaceSeparated whether a string role claim holds several roles separated by spaces; otherwise
     *                            it is one role, as sent
     * @param accessTokens verifies the session's own access tokens, so their claims can be read
     */
    public ProfileMapping(String roleClaim, boolean rolesSpaceSeparated, Optional<ProviderTokenVerifier> accessTokens) {
        this.roleClaim = roleClaim;
        this.rolesSpaceSeparated = rolesSpaceSeparated;
        this.accessTokens = accessTokens;
    }

    UserContext toUser(OidcProfile profile) {
        Map<String, Object> attributes = accessTokenClaims(profile)
                .map(claims -> merged(profile.getAttributes(), claims)).orElse(profile.getAttributes());
        UserContext.Builder user = UserContext.builder()
                .subject(profile.getId())
                .name(ClaimValues.text(attributes.get("name")))
                .email(ClaimValues.text(attributes.get("email")))
                .roles(attributes.get(ACCESS_TOKEN_ROLES) instanceof Set<?> fromAccessToken
                        ? ClaimValues.roles(List.copyOf(fromAccessToken), false)
                        : ClaimValues.roles(ClaimValues.at(attributes, roleClaim), rolesSpaceSeparated))
                .scopes(scopes(profile))
                .sessionId(ClaimValues.text(attributes.get("sid")));
        for (String claim : CARRIED) {
            String value = ClaimValues.text(attributes.get(claim));
            if (value != null) {
                user.claim(claim, value);
            }
        }
        String root = roleClaim.contains(".") ? roleClaim.substring(0, roleClaim.indexOf('.')) : null;
        if (root != null && attributes.get(root) instanceof Map<?, ?> nested) {
            // Carried whole, so a backend reading roles from the same path finds them.
            user.claim(root, nested);
        }
        return user.build();
    }

    /**
     * The claims of the session's access token, when it is a JWT that verifies against the provider's keys
     * (verified tokens are cached, so this costs a map lookup per request).
     */
    private Optional<Map<String, Object>> accessTokenClaims(OidcProfile profile) {
        String token = SessionAccessTokens.of(profile).map(AccessToken::getValue).orElse(null);
        if (accessTokens.isEmpty() || token == null || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        if (accessTokens.get().verify(token) instanceof VerificationResult.Accepted accepted) {
            Map<String, Object> claims = new java.util.HashMap<>(accepted.context().claims());
            claims.put(ACCESS_TOKEN_ROLES, accepted.context().roles());
            return Optional.of(claims);
        }
        return Optional.empty();
    }

    /** Marks the roles read from the access token (already resolved along the role claim's path). */
    private static final String ACCESS_TOKEN_ROLES = "edgeauth.access-token-roles";

    /** ID token and userinfo attributes, with the access token's role claim and nested role maps on top. */
    private Map<String, Object> merged(Map<String, Object> attributes, Map<String, Object> accessClaims) {
        Map<String, Object> merged = new java.util.HashMap<>(attributes);
        @SuppressWarnings("unchecked")
        Set<String> roles = (Set<String>) accessClaims.get(ACCESS_TOKEN_ROLES);
        String root = roleClaim.contains(".") ? roleClaim.substring(0, roleClaim.indexOf('.')) : roleClaim;
        if (!roles.isEmpty()) {
            merged.put(ACCESS_TOKEN_ROLES, roles);
            if (accessClaims.get(root) != null) {
                merged.put(root, accessClaims.get(root));
            }
        }
        if (accessClaims.get("scope") != null && merged.get("scope") == null) {
            merged.put("scope", accessClaims.get("scope"));
        }
        return merged;
    }

    /**
     * Logs, once per session start, that the role claim was found nowhere, with the claim names that were
     * present, so an admin sees at once which setting to change.
     */
    public void explainMissingRoles(UserContext user, OidcProfile profile) {
        if (!user.roles().isEmpty()) {
            return;
        }
        java.util.TreeSet<String> present = new java.util.TreeSet<>(profile.getAttributes().keySet());
        accessTokenClaims(profile).ifPresent(claims -> present.addAll(claims.keySet()));
        present.remove(ACCESS_TOKEN_ROLES);
        // Claim names come from the provider: each is cleaned for the log like any value a client sends.
        String names = String.join(",", present.stream().map(LogSafe::clean).toList());
        LOG.info(() -> "edgeauth edge: no roles for subject=" + LogSafe.clean(user.subject()) + ": claim " + roleClaim
                + " (" + EdgeSettings.ROLE_CLAIM.name() + ") is in neither the access token, userinfo nor the ID token;"
                + " claims present: [" + names + "]");
    }

    private static Set<String> scopes(OidcProfile profile) {
        Set<String> scopes = new LinkedHashSet<>();
        Optional<AccessToken> token = SessionAccessTokens.of(profile);
        if (token.isPresent() && token.get().getScope() != null) {
            for (Scope.Value value : token.get().getScope()) {
                scopes.add(value.getValue());
            }
        }
        if (scopes.isEmpty()) {
            scopes.addAll(ClaimValues.scopes(profile.getAttributes().get("scope")));
        }
        return scopes;
    }
}
