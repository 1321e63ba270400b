package io.github.edgeauth.edge.internal.session;

import com.nimbusds.oauth2.sdk.token.AccessToken;
import org.pac4j.oidc.profile.OidcProfile;
import org.pac4j.oidc.profile.OidcProfileDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's access token, parsed once. pac4j's {@link OidcProfile#getAccessToken()} decodes its stored form
 * and builds a new JSON mapper on every call, and the edge reads the token several times per request (expiry,
 * scopes, claims); in a profile that was half the edge's CPU per session request.
 *
 * <p>A documented cache: parsed tokens by pac4j's stored form (a pure function of it), per application,
 * bounded to {@link #ENTRIES}; when full it starts over.
 */
final class SessionAccessTokens {
    static final int ENTRIES = 4096;
    private static final Map<String, Optional<AccessToken>> PARSED = new ConcurrentHashMap<>();

    private SessionAccessTokens() {
    }

    /** The profile's access token, if it has one. */
    static Optional<AccessToken> of(OidcProfile profile) {
        Object stored = profile.getAttribute(OidcProfileDefinition.ACCESS_TOKEN);
        if (stored == null) {
            return Optional.empty();
        }
        String key = stored.toString();
        Optional<AccessToken> token = PARSED.get(key);
        if (token == null) {
            token = Optional.ofNullable(profile.getAccessToken());
            if (PARSED.size() >= ENTRIES) {
                PARSED.clear();
            }
            PARSED.put(key, token);
        }
        return token;
    }
}
