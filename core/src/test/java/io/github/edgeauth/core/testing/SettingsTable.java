package io.github.edgeauth.core.testing;

import io.github.edgeauth.core.internal.config.Setting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test support: the tables of {@code docs/settings.md}, one per section, for the tests that keep them true. */
public final class SettingsTable {

    /** One row: setting name, env var and default as written (quotes removed), and its meaning. */
    public record Row(String setting, String envVar, String defaultValue, String meaning) {
    }

    private SettingsTable() {
    }

    /** The rows of the table under the heading {@code ## <heading>}, keyed by setting name. */
    public static Map<String, Row> section(String heading) {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inside = false;
        for (String line : lines()) {
            if (line.startsWith("## ")) {
                inside = line.substring(3).trim().equals(heading);
            } else if (inside && line.startsWith("| `")) {
                List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .map(String::trim).toList();
                Row row = new Row(unquote(cells.get(0)), unquote(cells.get(1)), unquote(cells.get(2)), cells.get(3));
                rows.put(row.setting(), row);
            }
        }
        if (rows.isEmpty()) {
            throw new AssertionError("docs/settings.md has no table under '## " + heading + "'");
        }
        return rows;
    }

    /** Asserts the section lists exactly {@code settings} (plus {@code extraRows}), each with its env var and default. */
    public static void assertDocuments(String heading, Collection<Setting> settings, Collection<String> extraRows) {
        Map<String, Row> rows = section(heading);
        TreeSet<String> expected = settings.stream().map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
        expected.addAll(extraRows);
        assertEquals(expected, new TreeSet<>(rows.keySet()), "docs/settings.md '## " + heading + "' rows vs the code");
        for (Setting setting : settings) {
            Row row = rows.get(setting.name());
            assertEquals(setting.envVar(), row.envVar(), "env var of " + setting.name());
            assertEquals(setting.defaultValue().orElse("(none)"), row.defaultValue(), "default of " + setting.name());
        }
    }

    private static List<String> lines() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/settings.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("docs/settings.md not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readAllLines(dir.resolve("docs/settings.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquote(String cell) {
        return cell.replace("`", "");
    }
}
