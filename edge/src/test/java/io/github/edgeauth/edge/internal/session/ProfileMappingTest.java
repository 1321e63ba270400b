package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ProviderTokenVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pac4j.oidc.profile.OidcProfile;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where the edge finds roles: Keycloak's default mappers put them only in the access token
 * ({@code realm_access.roles}), which the edge reads once it verifies against the provider's keys.
 */
class ProfileMappingTest {
    private static MockOAuth2Server idp;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = "http://127.0.0.1:" + idp.baseUrl().port() + "/realm";
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    private static String accessToken(Map<String, Object> claims) throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("realm", "f3a1c2d4-uuid", "JWT", List.of("account"), claims, 300));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=edge&client_secret=s"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
    }

    private static OidcProfile profile(String accessToken) {
        OidcProfile profile = new OidcProfile();
        profile.setId("f3a1c2d4-uuid");
        profile.addAttribute("preferred_username", "alice");
        profile.addAttribute("email", "alice@example.test");
        profile.setAccessToken(new BearerAccessToken(accessToken));
        return profile;
    }

    private static ProfileMapping mapping(String roleClaim) {
        return mapping(roleClaim, false);
    }

    private static ProfileMapping mapping(String roleClaim, boolean separated) {
        return new ProfileMapping(roleClaim, separated, Optional.of(ProviderTokenVerifier.sessionAccessTokens(issuer,
                Set.of(JWSAlgorithm.RS256), new io.github.edgeauth.core.internal.token.ClaimMapping(roleClaim, separated),
                Duration.ofSeconds(60))));
    }

    @Test
    void aSingleRoleSentAsAStringIsOneRoleAsSent() throws Exception {
        // AD FS sends one role as a plain string: it is that role, never the words in it.
        String token = accessToken(Map.of("roles", "Domain Admins"));
        assertEquals(Set.of("Domain Admins"), mapping("roles").toUser(profile(token)).roles());
        String notAdmin = accessToken(Map.of("roles", "not admin"));
        assertEquals(Set.of("not admin"), mapping("roles").toUser(profile(notAdmin)).roles());
        OidcProfile fromIdToken = profile(accessToken(Map.of()));
        fromIdToken.addAttribute("roles", "not,admin");
        assertEquals(Set.of("not,admin"), mapping("roles").toUser(fromIdToken).roles());
    }

    @Test
    void anArrayOfRolesIsTakenAsSentAndASeparatedClaimIsSplitOnlyWhenConfigured() throws Exception {
        String array = accessToken(Map.of("roles", List.of("Domain Admins", "user")));
        assertEquals(Set.of("Domain Admins", "user"), mapping("roles").toUser(profile(array)).roles());
        String separated = accessToken(Map.of("roles", "clerk auditor"));
        assertEquals(Set.of("clerk", "auditor"), mapping("roles", true).toUser(profile(separated)).roles());
    }

    @Test
    void realmRolesOnlyInTheAccessTokenAreFoundWithNoMapperChange() throws Exception {
        String token = accessToken(Map.of("realm_access", Map.of("roles", List.of("admin", "offline_access")),
                "resource_access", Map.of("orders", Map.of("roles", List.of("clerk")))));
        UserContext user = mapping("realm_access.roles").toUser(profile(token));
        assertEquals(Set.of("admin", "offline_access"), user.roles());
        assertEquals(Set.of("clerk"), mapping("resource_access.orders.roles").toUser(profile(token)).roles());
        // Carried whole, so a backend reading realm_access.roles finds them too.
        assertEquals(Map.of("roles", List.of("admin", "offline_access")), user.claims().get("realm_access"));
    }

    @Test
    void anAccessTokenThatDoesNotVerifyGivesNoRoles() throws Exception {
        String token = accessToken(Map.of("realm_access", Map.of("roles", List.of("admin"))));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(
                "{\"iss\":\"" + issuer + "\",\"sub\":\"x\",\"exp\":4102444800,\"realm_access\":{\"roles\":[\"admin\"]}}")
                + "." + parts[2];
        assertEquals(Set.of(), mapping("realm_access.roles").toUser(profile(forged)).roles());
    }
}
