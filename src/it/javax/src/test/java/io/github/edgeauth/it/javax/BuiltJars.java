package io.github.edgeauth.it.javax;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The jars the build made, found in the project's module directories. */
final class BuiltJars {
    private BuiltJars() {
    }

    /** The one library jar in {@code <module>/target} named {@code prefix<version>.jar}. */
    static Path library(String module, String prefix) {
        Path target = Path.of(System.getProperty("edgeauth.root")).resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> found = files.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-sources.jar")
                        && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar") && !name.endsWith("-cli.jar");
            }).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one built jar in " + target + ": " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
