package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps claim values to the WAR's role names ({@code edgeauth.filter.role-mapping}). */
record RoleMapping(Map<String, List<String>> mapping) {
    static RoleMapping read(Settings settings) {
        Map<String, List<String>> mapping = new HashMap<>();
        for (String entry : settings.list(FilterSettings.ROLE_MAPPING)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ConfigurationException(FilterSettings.ROLE_MAPPING, "'" + entry + "' is not claimValue=role");
            }
            mapping.computeIfAbsent(entry.substring(0, eq), k -> new ArrayList<>()).add(entry.substring(eq + 1));
        }
        return new RoleMapping(Map.copyOf(mapping));
    }

    /** The user's roles, each also under the names it is mapped to. */
    Set<String> groupsOf(UserContext user) {
        Set<String> groups = new HashSet<>(user.roles());
        for (String role : user.roles()) {
            groups.addAll(mapping.getOrDefault(role, List.of()));
        }
        return groups;
    }
}
