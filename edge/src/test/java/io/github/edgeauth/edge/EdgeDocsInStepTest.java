package io.github.edgeauth.edge;

import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.core.internal.config.ContextSettings;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.testing.SettingsTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps docs/settings.md's edge settings rows in step with {@link EdgeSettings}. */
class EdgeDocsInStepTest {

    @Test
    void settingsTableListsExactlyTheEdgeSettingsWithTheirEnvVarsAndDefaults() {
        assertTrue(EdgeSettings.ALL.containsAll(ContextSettings.ALL), "the edge reads the shared settings");
        List<Setting> own = EdgeSettings.ALL.stream().filter(s -> !ContextSettings.ALL.contains(s)).toList();
        SettingsTable.assertDocuments("Edge settings", own,
                EdgeSettings.PREFIXES.stream().map(prefix -> prefix + "<service>").toList());
    }
}
