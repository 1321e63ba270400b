package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.config.ContextSettings;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.testing.SettingsTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keeps docs/settings.md's client settings rows in step with {@link ClientSettings}. */
class ClientDocsInStepTest {

    @Test
    void settingsTableListsExactlyTheClientSettingsWithTheirEnvVarsAndDefaults() {
        List<Setting> keys = Stream.concat(ClientSettings.KEYS.stream().map(key -> key.forClient("<name>")),
                ClientSettings.SHARED.stream()).toList();
        SettingsTable.assertDocuments("Client settings", keys, List.of());
        assertEquals(ContextSettings.HEADER.formerly("edgeauth.client.inventory.context-header"),
                ClientSettings.contextHeader("inventory"), "a client reads the shared header, and its own former key");
    }
}
