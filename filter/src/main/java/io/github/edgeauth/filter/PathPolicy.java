package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.http.PathPattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which paths need no identity, and which scopes and roles a path requires. Every matching rule applies:
 * a path under two rules needs what both ask for.
 */
record PathPolicy(List<PathPattern> publicPaths, List<Rule> scopeRules, List<Rule> roleRules) {

    /** One requirement: every value must be held on paths matching {@code pattern}. */
    record Rule(PathPattern pattern, Set<String> values) {
    }

    PathPolicy {
        publicPaths = List.copyOf(publicPaths);
        scopeRules = List.copyOf(scopeRules);
        roleRules = List.copyOf(roleRules);
    }

    boolean isPublic(String path) {
        return publicPaths.stream().anyMatch(p -> p.matches(path));
    }

    Set<String> requiredScopes(String path) {
        return required(scopeRules, path);
    }

    Set<String> requiredRoles(String path) {
        return required(roleRules, path);
    }

    private static Set<String> required(List<Rule> rules, String path) {
        Set<String> values = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule.pattern().matches(path)) {
                values.addAll(rule.values());
            }
        }
        return values;
    }

    /**
     * Parses {@code /orders/write/*=orders:write; /admin/*=admin auditor}: entries separated by {@code ;},
     * each a URL pattern, {@code =}, and values separated by spaces or commas.
     */
    static List<Rule> parseRules(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not PATTERN=VALUE [VALUE...]");
            }
            Set<String> values = new LinkedHashSet<>();
            for (String value : entry.substring(eq + 1).split("[\\s,]+")) {
                if (!value.isBlank()) {
                    values.add(value);
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' names no value");
            }
            rules.add(new Rule(new PathPattern(entry.substring(0, eq).trim()), Set.copyOf(values)));
        }
        return rules;
    }
}
