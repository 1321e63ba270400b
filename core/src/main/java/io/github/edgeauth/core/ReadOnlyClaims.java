package io.github.edgeauth.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep read-only copies of parsed JSON claims, so a {@link UserContext} cannot be changed through them. */
final class ReadOnlyClaims {
    private ReadOnlyClaims() {
    }

    static Map<String, Object> map(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value(value));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Object value(Object value) {
        if (value instanceof Map<?, ?> nested) {
            return map((Map<String, ?>) nested);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item != null) {
                    copy.add(value(item));
                }
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
