package io.github.edgeauth.core.internal.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads MicroProfile Config when the container has it. The API is an optional dependency, so every
 * reference to it stays in {@link Present}, which is only loaded once the API class is known to exist.
 */
final class MicroProfileSource {
    private MicroProfileSource() {
    }

    static Function<String, Optional<String>> lookup() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                    MicroProfileSource.class.getClassLoader());
            return Present.config();
        } catch (ClassNotFoundException | LinkageError e) {
            return name -> Optional.empty();
        } catch (RuntimeException e) {
            // The API is there but no implementation is: behave as if MicroProfile Config were absent.
            return name -> Optional.empty();
        }
    }

    /** The names MicroProfile Config knows, or none without it. */
    static java.util.Collection<String> names() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                    MicroProfileSource.class.getClassLoader());
            return Present.names();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return java.util.List.of();
        }
    }

    private static final class Present {
        static java.util.Collection<String> names() {
            java.util.List<String> names = new java.util.ArrayList<>();
            org.eclipse.microprofile.config.ConfigProvider.getConfig().getPropertyNames().forEach(names::add);
            return names;
        }

        static Function<String, Optional<String>> config() {
            org.eclipse.microprofile.config.Config config =
                    org.eclipse.microprofile.config.ConfigProvider.getConfig();
            return name -> {
                try {
                    return config.getOptionalValue(name, String.class);
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            };
        }
    }
}
