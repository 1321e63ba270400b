package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleMappingTest {

    @Test
    void mappedRolesAreAddedBesideTheClaimValues() {
        RoleMapping mapping = RoleMapping.read(Settings.of(
                Map.of("edgeauth.filter.role-mapping", "admin=ADMINISTRATOR, admin=AUDITOR, user=USER"), Map.of()));
        UserContext user = UserContext.builder().subject("alice").roles(Set.of("admin", "guest")).build();
        assertEquals(Set.of("admin", "guest", "ADMINISTRATOR", "AUDITOR"), mapping.groupsOf(user));
    }

    @Test
    void aBadEntryNamesTheSetting() {
        ConfigurationException failure = assertThrows(ConfigurationException.class, () ->
                RoleMapping.read(Settings.of(Map.of("edgeauth.filter.role-mapping", "admin"), Map.of())));
        assertTrue(failure.getMessage().contains("edgeauth.filter.role-mapping"));
    }
}
