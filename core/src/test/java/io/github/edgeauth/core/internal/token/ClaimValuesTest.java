package io.github.edgeauth.core.internal.token;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Roles are read as the provider sent them; only scopes are split, and only on whitespace. */
class ClaimValuesTest {

    @Test
    void aStringRoleClaimIsOneRoleSpacesKept() {
        assertEquals(Set.of("Domain Admins"), ClaimValues.roles("Domain Admins", false));
    }

    @Test
    void aStringRoleClaimNeverGrantsAWordOfIt() {
        Set<String> roles = ClaimValues.roles("not admin", false);
        assertEquals(Set.of("not admin"), roles);
        assertFalse(roles.contains("admin"));
    }

    @Test
    void eachElementOfAnArrayIsOneRoleAsSent() {
        assertEquals(List.of("Domain Admins", "user"),
                List.copyOf(ClaimValues.roles(List.of("Domain Admins", "user"), false)));
        assertEquals(Set.of("Domain Admins", "user"), ClaimValues.roles(List.of("Domain Admins", "user"), true),
                "the flag is about a string claim; array elements are never split");
    }

    @Test
    void aSpaceSeparatedRoleClaimIsSplitOnSpacesWhenTheSettingSaysSo() {
        assertEquals(List.of("a", "b"), List.copyOf(ClaimValues.roles("a b", true)));
        assertEquals(Set.of("a", "b", "c"), ClaimValues.roles(" a\tb  c ", true));
    }

    @Test
    void aCommaNeverSeparatesRoles() {
        assertEquals(Set.of("admin,user"), ClaimValues.roles("admin,user", false));
        assertEquals(Set.of("admin,user", "ops"), ClaimValues.roles("admin,user ops", true));
        assertEquals(Set.of("CN=Admins,OU=Groups"), ClaimValues.roles(List.of("CN=Admins,OU=Groups"), false));
    }

    @Test
    void aScopeStringIsSpaceSeparated() {
        assertEquals(List.of("read", "write"), List.copyOf(ClaimValues.scopes("read write")));
    }

    @Test
    void aCommaNeverSeparatesScopes() {
        assertEquals(Set.of("read,write"), ClaimValues.scopes("read,write"));
        assertEquals(Set.of("read,write", "admin"), ClaimValues.scopes("read,write admin"));
    }

    @Test
    void anArrayOfScopesHoldsOneScopePerElement() {
        assertEquals(Set.of("orders:read", "orders:write"), ClaimValues.scopes(List.of("orders:read", "orders:write")));
    }

    @Test
    void blankAndNonStringValuesGiveNothing() {
        for (Object nothing : new Object[] {null, "", "   ", 42, Map.of("roles", "admin"), List.of(1, true)}) {
            assertEquals(Set.of(), ClaimValues.roles(nothing, false), String.valueOf(nothing));
            assertEquals(Set.of(), ClaimValues.roles(nothing, true), String.valueOf(nothing));
            assertEquals(Set.of(), ClaimValues.scopes(nothing), String.valueOf(nothing));
        }
        assertEquals(Set.of("admin"), ClaimValues.roles(java.util.Arrays.asList("admin", "", null, 7), false));
    }

    @Test
    void theSetsHandedOutCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> ClaimValues.roles("a b", true).add("admin"));
        assertThrows(UnsupportedOperationException.class, () -> ClaimValues.scopes("read").add("write"));
    }
}
