package io.github.edgeauth.core.token;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads values out of parsed JWT claims the way every edgeauth setting means them: a dotted path
 * ({@code realm_access.roles}) into nested objects, and a list given either as a JSON array or as one
 * space- or comma-separated string. Shared by the filter's and the edge's claim mappings.
 */
public final class ClaimValues {
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

    /** A JSON array of strings, or one string of space- or comma-separated values; empty for anything else. */
    public static Set<String> strings(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String item : text.split("[\\s,]+")) {
                if (!item.isEmpty()) {
                    result.add(item);
                }
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String text && !text.isEmpty()) {
                    result.add(text);
                }
            }
        }
        return result;
    }

    /** A non-blank string, or null. */
    public static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
