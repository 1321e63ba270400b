package io.github.edgeauth.edge;

import com.nimbusds.oauth2.sdk.Scope;
import io.github.edgeauth.filter.ClaimValues;
import io.github.edgeauth.filter.UserContext;
import org.pac4j.oidc.profile.OidcProfile;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns the pac4j profile of a logged-in user into the {@link UserContext} the edge signs: subject, name,
 * e-mail, roles from the configured claim (a name or a dotted path such as {@code realm_access.roles}, read
 * from the ID token, userinfo and access-token claims), the access token's scopes, and the provider's
 * session id. Only a few extra claims travel, to keep the header small.
 */
final class ProfileMapping {
    /** Extra claims carried in the context when the provider gives them. */
    static final Set<String> CARRIED = Set.of("preferred_username", "given_name", "family_name");

    private final String roleClaim;

    ProfileMapping(String roleClaim) {
        this.roleClaim = roleClaim;
    }

    UserContext toUser(OidcProfile profile) {
        Map<String, Object> attributes = profile.getAttributes();
        UserContext.Builder user = UserContext.builder()
                .subject(profile.getId())
                .name(ClaimValues.text(attributes.get("name")))
                .email(ClaimValues.text(attributes.get("email")))
                .roles(ClaimValues.strings(ClaimValues.at(attributes, roleClaim)))
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

    private static Set<String> scopes(OidcProfile profile) {
        Set<String> scopes = new LinkedHashSet<>();
        if (profile.getAccessToken() != null && profile.getAccessToken().getScope() != null) {
            for (Scope.Value value : profile.getAccessToken().getScope()) {
                scopes.add(value.getValue());
            }
        }
        if (scopes.isEmpty()) {
            scopes.addAll(ClaimValues.strings(profile.getAttributes().get("scope")));
        }
        return scopes;
    }
}
