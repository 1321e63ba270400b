package io.github.edgeauth.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps docs/api.md true: it lists exactly the public types of the four library jars outside their
 * {@code .internal.} packages, so a type made public by accident (or one the docs forget) fails the build.
 */
class PublicTypesIT {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("core", "filter", "edge", "jaxrs-client-feature");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public (?:final |abstract |sealed |non-sealed )*(?:class|interface|enum|record) (\\w+)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(io\\.github\\.edgeauth\\.[\\w.]+)` \\|", Pattern.MULTILINE);

    @Test
    void docsApiListsExactlyThePublicTypesOutsideTheInternalPackages() throws IOException {
        Set<String> inCode = new TreeSet<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher type = PUBLIC_TYPE.matcher(source);
                    Matcher pkg = PACKAGE.matcher(source);
                    if (type.find() && pkg.find()) {
                        String name = pkg.group(1) + "." + type.group(1);
                        if (!name.contains(".internal.")) {
                            inCode.add(name);
                        }
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher row = DOCUMENTED.matcher(Files.readString(ROOT.resolve("docs/api.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(inCode, documented, "docs/api.md vs the public types of the library jars");
    }
}
