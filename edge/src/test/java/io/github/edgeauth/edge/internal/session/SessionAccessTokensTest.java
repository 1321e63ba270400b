package io.github.edgeauth.edge.internal.session;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import org.junit.jupiter.api.Test;
import org.pac4j.oidc.profile.OidcProfile;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionAccessTokensTest {
    @Test
    void aProfileGetsItsOwnTokenAndARefreshedProfileTheNewOne() {
        OidcProfile first = profileWith("token-one", 300);
        OidcProfile sameStoredForm = profileWith("token-one", 300);
        OidcProfile refreshed = profileWith("token-two", 600);

        assertEquals("token-one", SessionAccessTokens.of(first).orElseThrow().getValue());
        assertEquals(300, SessionAccessTokens.of(sameStoredForm).orElseThrow().getLifetime());
        assertEquals("token-two", SessionAccessTokens.of(refreshed).orElseThrow().getValue());
        assertEquals(600, SessionAccessTokens.of(refreshed).orElseThrow().getLifetime());
        assertEquals(Optional.empty(), SessionAccessTokens.of(new OidcProfile()));
    }

    private static OidcProfile profileWith(String value, long lifetime) {
        OidcProfile profile = new OidcProfile();
        profile.setAccessToken(new BearerAccessToken(value, lifetime, new Scope("openid")));
        return profile;
    }
}
