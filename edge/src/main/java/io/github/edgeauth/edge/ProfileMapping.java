package io.github.edgeauth.edge;

import com.nimbusds.oauth2.sdk.Scope;
import io.github.edgeauth.filter.UserContext;
import org.pac4j.oidc.profile.OidcProfile;

import java.util.Collection;
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
                .name(text(attributes.get("name")))
                .email(text(attributes.get("email")))
                .roles(strings(path(attributes, roleClaim)))
                .scopes(scopes(profile))
                .sessionId(text(attributes.get("sid")));
        for (String claim : CARRIED) {
            String value = text(attributes.get(claim));
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
            scopes.addAll(strings(profile.getAttributes().get("scope")));
        }
        return scopes;
    }

    private static Object path(Map<String, Object> attributes, String path) {
        Object current = attributes;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Set<String> strings(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String item : text.split("[\\s,]+")) {
                if (!item.isEmpty()) {
                    result.add(item);
                }
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item != null && !item.toString().isEmpty()) {
                    result.add(item.toString());
                }
            }
        }
        return result;
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
