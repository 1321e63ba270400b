package io.github.edgeauth.edge;

import io.github.edgeauth.core.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keeps docs/settings.md's edge settings rows in step with {@link EdgeSettings}. */
class EdgeDocsInStepTest {

    @Test
    void readmeListsExactlyTheEdgeSettingsWithTheirEnvVarsAndDefaults() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "settings.md"))) {
            if (line.startsWith("| `edgeauth.edge.")) {
                List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .map(c -> c.trim().replace("`", "")).toList();
                rows.put(cells.get(0), cells);
            }
        }
        Set<String> expected = EdgeSettings.ALL.stream().map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
        EdgeSettings.PREFIXES.forEach(prefix -> expected.add(prefix + "<service>"));
        assertEquals(expected, new TreeSet<>(rows.keySet()), "docs/settings.md edge rows vs EdgeSettings");
        for (Setting setting : EdgeSettings.ALL) {
            assertEquals(setting.envVar(), rows.get(setting.name()).get(1), "env var of " + setting.name());
            assertEquals(setting.defaultValue().orElse("(none)"), rows.get(setting.name()).get(2),
                    "default of " + setting.name());
        }
    }
}
