package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.UserContext;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity a token's claims give: roles as sent, scopes split on whitespace. */
class ClaimMappingTest {

    private static JWTClaimsSet token(String claim, Object value) {
        return new JWTClaimsSet.Builder().issuer("https://idp.example.test").subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).claim(claim, value).build();
    }

    @Test
    void aStringRoleClaimFromAdfsIsOneRole() {
        UserContext user = new ClaimMapping("role").service(token("role", "Domain Admins"));
        assertEquals(Set.of("Domain Admins"), user.roles());
        assertTrue(user.hasRole("Domain Admins"));
        assertFalse(user.hasRole("Domain"));
        assertFalse(user.hasRole("Admins"));
    }

    @Test
    void notAdminNeverGrantsAdmin() {
        for (ClaimMapping mapping : List.of(new ClaimMapping("roles"), new ClaimMapping("roles", false))) {
            assertFalse(mapping.user(token("roles", "not admin")).hasRole("admin"));
            assertFalse(mapping.service(token("roles", "not,admin")).hasRole("admin"));
        }
    }

    @Test
    void anArrayOfRolesGivesEachAsSent() {
        UserContext user = new ClaimMapping("groups").user(token("groups", List.of("Domain Admins", "user")));
        assertEquals(Set.of("Domain Admins", "user"), user.roles());
    }

    @Test
    void aNestedRoleClaimIsReadAsSentToo() {
        UserContext user = new ClaimMapping("realm_access.roles")
                .user(token("realm_access", Map.of("roles", "Domain Admins")));
        assertEquals(Set.of("Domain Admins"), user.roles());
    }

    @Test
    void aSpaceSeparatedRoleClaimIsSplitOnlyWhenConfigured() {
        assertEquals(Set.of("a", "b"), new ClaimMapping("roles", true).user(token("roles", "a b")).roles());
        assertEquals(Set.of("a,b"), new ClaimMapping("roles", true).user(token("roles", "a,b")).roles());
        assertEquals(Set.of("a b"), new ClaimMapping("roles").user(token("roles", "a b")).roles());
    }

    @Test
    void theOneArgumentMappingReadsRolesAsSent() {
        assertFalse(new ClaimMapping("roles").rolesSpaceSeparated());
        assertEquals(new ClaimMapping("roles", false), new ClaimMapping("roles"));
    }

    @Test
    void scopeIsSpaceSeparatedAndNeverSplitOnCommas() {
        UserContext caller = new ClaimMapping("roles").service(token("scope", "read write"));
        assertEquals(Set.of("read", "write"), caller.serviceScopes());
        assertEquals(Set.of("read", "write"), caller.scopes());
        assertEquals(Set.of("read,write"), new ClaimMapping("roles").service(token("scope", "read,write")).scopes());
    }

    @Test
    void scpIsReadAsAnArrayOrASpaceSeparatedString() {
        assertEquals(Set.of("orders:read", "orders:write"),
                new ClaimMapping("roles").service(token("scp", List.of("orders:read", "orders:write"))).scopes());
        assertEquals(Set.of("orders:read", "orders:write"),
                new ClaimMapping("roles").service(token("scp", "orders:read orders:write")).scopes());
    }
}
