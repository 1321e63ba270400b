package io.github.edgeauth.core.internal.token;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads values out of parsed JWT claims the way every edgeauth setting means them: a dotted path
 * ({@code realm_access.roles}) into nested objects, roles exactly as the provider sent them, and scopes
 * split the way their RFC defines them. Shared by the filter's and the edge's claim mappings.
 */
public final class ClaimValues {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ClaimValues() {
    }

    /** The value at {@code dottedPath} inside {@code claims}, or null. */
    public static Object at(Map<String, ?> claims, String dottedPath) {
        Object current = claims;
        for (String part : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /**
     * The roles in a role claim, each exactly as sent. Every string of a JSON array is one role, spaces and
     * commas kept ({@code "Domain Admins"}); a lone string is one role too (AD FS sends a single role that
     * way), unless {@code spaceSeparated} says the provider packs roles into one space-separated string.
     * No role is ever cut out of another one's name: a role claim {@code "not admin"} never grants
     * {@code admin} unless the deployment asked for space-separated roles.
     *
     * @return the roles in claim order, unmodifiable; empty for a missing or non-string value
     */
    public static Set<String> roles(Object value, boolean spaceSeparated) {
        if (value instanceof String text) {
            return spaceSeparated ? splitOnWhitespace(text) : nonBlank(Set.of(text));
        }
        return elements(value);
    }

    /**
     * The scopes in a {@code scope} or {@code scp} claim. A string is space-delimited, as RFC 6749 (3.3) and
     * RFC 8693 define {@code scope}; a JSON array (some providers send {@code scp} so) holds one scope per
     * string. A comma is part of a scope, never a separator.
     *
     * @return the scopes in claim order, unmodifiable; empty for a missing or non-string value
     */
    public static Set<String> scopes(Object value) {
        if (value instanceof String text) {
            return splitOnWhitespace(text);
        }
        return elements(value);
    }

    /** A non-blank string, or null. */
    public static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    private static Set<String> splitOnWhitespace(String text) {
        return nonBlank(List.of(WHITESPACE.split(text)));
    }

    private static Set<String> elements(Object value) {
        return value instanceof Collection<?> items ? nonBlank(items) : Set.of();
    }

    private static Set<String> nonBlank(Collection<?> items) {
        Set<String> result = new LinkedHashSet<>();
        for (Object item : items) {
            if (item instanceof String text && !text.isBlank()) {
                result.add(text);
            }
        }
        return Collections.unmodifiableSet(result);
    }
}
