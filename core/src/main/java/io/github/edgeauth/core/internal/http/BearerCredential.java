package io.github.edgeauth.core.internal.http;

import java.util.Locale;
import java.util.Optional;

/** Reads an {@code Authorization} header the one way the filter and the edge both do (RFC 6750 2.1). */
public final class BearerCredential {
    private BearerCredential() {
    }

    /**
     * The token of {@code Bearer <token>} (the scheme in any case); empty for other schemes, so Basic-auth
     * legacy clients pass by. {@code Bearer} with nothing after it gives an empty token, which verifies as
     * malformed.
     */
    public static Optional<String> of(String authorization) {
        String value = authorization.trim();
        if (value.length() < 6 || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        if (value.length() == 6) {
            return Optional.of("");
        }
        if (value.charAt(6) != ' ') {
            return Optional.empty();
        }
        return Optional.of(value.substring(7).trim());
    }
}
