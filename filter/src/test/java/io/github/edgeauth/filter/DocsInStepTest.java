package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.config.ContextSettings;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.testing.SettingsTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps docs/settings.md's settings table and docs/reason-codes.md in step with the code. */
class DocsInStepTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The first cell of each table row whose first cell is back-quoted, mapped to the row's cells. */
    private static Map<String, List<String>> tableRows(Path file) throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                    .map(String::trim).toList();
            rows.put(unquote(cells.get(0)), cells);
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.replace("`", "");
    }

    @Test
    void settingsTableListsExactlyTheFilterSettingsWithTheirEnvVarsAndDefaults() {
        assertTrue(FilterSettings.ALL.containsAll(ContextSettings.ALL), "the filter reads the shared settings");
        List<Setting> own = FilterSettings.ALL.stream().filter(s -> !ContextSettings.ALL.contains(s)).toList();
        SettingsTable.assertDocuments("Backend filter settings", own, List.of());
        SettingsTable.assertDocuments("Settings every part shares", ContextSettings.ALL, List.of());
    }

    @Test
    void everyTestTheThreatModelNamesExists() throws IOException {
        assertTrue(namedTestsExist("docs/security.md") > 20, "found too few test names in docs/security.md");
    }

    @Test
    void everyTestTheServerPagesNameExists() throws IOException {
        assertTrue(namedTestsExist("docs/servers.md") > 10, "found too few test names in docs/servers.md");
        namedTestsExist("docs/container-security.md");
        namedTestsExist("docs/backend.md");
        assertTrue(namedTestsExist("docs/operations.md") >= 3, "docs/operations.md names its tests");
    }

    @Test
    void everyEnvVarTheDocsShowIsADocumentedSetting() throws IOException {
        List<String> table = new java.util.ArrayList<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `[^`]+` \\| `(EDGEAUTH_[A-Z0-9_<>]+)`")
                .matcher(java.nio.file.Files.readString(ROOT.resolve("docs/settings.md")));
        while (row.find()) {
            table.add(row.group(1).replace("<SERVICE>", "[A-Z0-9_]+").replace("<NAME>", "[A-Z0-9_]+"));
        }
        List<java.nio.file.Path> pages = new java.util.ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var docs = java.nio.file.Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(pages::add);
        }
        int checked = 0;
        for (java.nio.file.Path page : pages) {
            java.util.regex.Matcher block = java.util.regex.Pattern.compile("(?s)```\\w*\\n(.*?)```")
                    .matcher(java.nio.file.Files.readString(page));
            while (block.find()) {
                java.util.regex.Matcher env = java.util.regex.Pattern.compile("\\bEDGEAUTH_[A-Z0-9_]+").matcher(block.group(1));
                while (env.find()) {
                    String name = env.group();
                    assertTrue(table.stream().anyMatch(name::matches),
                            ROOT.relativize(page) + " shows " + name + ", which is no setting in docs/settings.md");
                    checked++;
                }
            }
        }
        assertTrue(checked > 15, "found only " + checked + " env vars in the docs' examples");
    }

    /** Checks that every {@code `SomeTest`} or {@code `SomeIT.method`} the page names exists; returns how many. */
    private static int namedTestsExist(String page) throws IOException {
        String text = java.nio.file.Files.readString(ROOT.resolve(page));
        java.util.regex.Matcher named = java.util.regex.Pattern
                .compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))(?:\\.([A-Za-z0-9]+)(\\.\\.\\.)?)?`").matcher(text);
        int checked = 0;
        while (named.find()) {
            String file = named.group(1) + ".java";
            List<java.nio.file.Path> found = testSourcesNamed(file);
            assertEquals(1, found.size(), page + " names " + named.group(1) + ": " + found);
            if (named.group(2) != null) {
                String source = java.nio.file.Files.readString(found.get(0));
                String method = "void " + named.group(2) + (named.group(3) == null ? "(" : "");
                assertTrue(source.contains(method), page + " names " + named.group() + ", which "
                        + file + " does not have");
            }
            checked++;
        }
        return checked;
    }

    /**
     * The files named {@code file} under a {@code src/test} folder of the repository. Build output, where other
     * modules' builds create and delete files while this runs, is not walked.
     */
    private static List<java.nio.file.Path> testSourcesNamed(String file) throws IOException {
        List<java.nio.file.Path> found = new java.util.ArrayList<>();
        java.nio.file.Files.walkFileTree(ROOT, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(java.nio.file.Path dir,
                    java.nio.file.attribute.BasicFileAttributes attributes) {
                String name = String.valueOf(dir.getFileName());
                return !dir.equals(ROOT) && Set.of("target", ".git", "node_modules").contains(name)
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(java.nio.file.Path path,
                    java.nio.file.attribute.BasicFileAttributes attributes) {
                if (path.getFileName().toString().equals(file)
                        && path.toString().contains("src" + java.io.File.separator + "test")) {
                    found.add(path);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    @Test
    void theReadmeStaysAFiveMinuteRead() throws IOException {
        long size = java.nio.file.Files.size(ROOT.resolve("README.md"));
        assertTrue(size <= 12 * 1024, "README.md is " + size + " bytes; details belong in docs/");
    }

    @Test
    void reasonCodeTableListsEveryCodeWithItsStatus() throws IOException {
        Map<String, List<String>> rows = tableRows(ROOT.resolve("docs/reason-codes.md"));
        Set<String> inCode = Arrays.stream(ReasonCode.values()).map(ReasonCode::code)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(inCode, new java.util.TreeSet<>(rows.keySet()), "docs/reason-codes.md vs ReasonCode");
        for (ReasonCode reason : ReasonCode.values()) {
            assertEquals(String.valueOf(reason.status()), rows.get(reason.code()).get(1), "status of " + reason.code());
        }
    }
}
