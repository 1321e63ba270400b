package io.github.edgeauth.edge.internal.routes;

import io.github.edgeauth.core.internal.http.PathPattern;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use which part of a route, checked at the edge before forwarding ({@code edgeauth.edge.rules.<service>}):
 * entries separated by {@code ;}, each {@code [METHOD[,METHOD...] ]PATTERN=ROLE [ROLE...]}, the pattern a URL pattern
 * on the path inside the route ({@code /admin/*}, {@code /*}). The first entry whose methods (all, when none are
 * named) and pattern match decides: the caller needs any one of its roles. A path no entry matches is left to the
 * backend.
 */
public record RouteRules(List<Entry> entries) {
    /** No rules: everything is left to the backend. */
    static final RouteRules NONE = new RouteRules(List.of());

    /** One rule: on {@code methods} (empty: every method) and paths matching {@code pattern}, any of {@code roles}. */
    record Entry(Set<String> methods, PathPattern pattern, Set<String> roles) {
    }

    public RouteRules {
        entries = List.copyOf(entries);
    }

    /** Parses the setting's text; an entry that is not {@code [METHODS ]PATTERN=ROLES} is an IllegalArgumentException. */
    static RouteRules parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not [METHODS ]PATTERN=ROLE [ROLE...]");
            }
            String[] target = entry.substring(0, eq).trim().split("\\s+");
            if (target.length > 2) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not [METHODS ]PATTERN=ROLE [ROLE...]");
            }
            Set<String> methods = new LinkedHashSet<>();
            if (target.length == 2) {
                for (String method : target[0].split(",")) {
                    if (!method.matches("[A-Za-z]+")) {
                        throw new IllegalArgumentException("'" + method + "' in '" + entry.trim() + "' is no method");
                    }
                    methods.add(method.toUpperCase(Locale.ROOT));
                }
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : entry.substring(eq + 1).split("[\\s,]+")) {
                if (!role.isBlank()) {
                    roles.add(role);
                }
            }
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' names no role");
            }
            entries.add(new Entry(Set.copyOf(methods), new PathPattern(target[target.length - 1]), Set.copyOf(roles)));
        }
        return new RouteRules(entries);
    }

    /**
     * The roles of the first entry matching {@code method} on {@code path} (inside the route); empty if none does.
     * An entry for GET covers HEAD too, which servlets answer by running GET.
     */
    public Optional<Set<String>> required(String method, String path) {
        String asked = method.toUpperCase(Locale.ROOT);
        for (Entry entry : entries) {
            if ((entry.methods().isEmpty() || entry.methods().contains(asked)
                    || asked.equals("HEAD") && entry.methods().contains("GET"))
                    && entry.pattern().matches(path)) {
                return Optional.of(entry.roles());
            }
        }
        return Optional.empty();
    }
}
