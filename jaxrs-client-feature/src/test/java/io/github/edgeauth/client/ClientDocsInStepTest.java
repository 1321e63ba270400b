package io.github.edgeauth.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keeps docs/settings.md's client settings rows in step with {@link ClientSettings}. */
class ClientDocsInStepTest {

    @Test
    void readmeListsExactlyTheClientSettingsWithTheirEnvVarsAndDefaults() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "settings.md"))) {
            if (line.startsWith("| `edgeauth.client.")) {
                List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .map(c -> c.trim().replace("`", "")).toList();
                rows.put(cells.get(0), cells);
            }
        }
        TreeSet<String> expected = new TreeSet<>();
        for (ClientSettings.Key key : ClientSettings.KEYS) {
            String name = ClientSettings.PREFIX + "<name>." + key.key();
            expected.add(name);
            List<String> row = rows.get(name);
            if (row != null) {
                assertEquals("EDGEAUTH_CLIENT_<NAME>_" + key.key().toUpperCase(Locale.ROOT).replace('-', '_'), row.get(1),
                        "env var of " + name);
                assertEquals(key.defaultValue() == null ? "(none)" : key.defaultValue(), row.get(2), "default of " + name);
            }
        }
        assertEquals(expected, new TreeSet<>(rows.keySet()), "docs/settings.md client rows vs ClientSettings.KEYS");
    }
}
