package io.github.edgeauth.edge;

import java.net.URI;

/**
 * One backend behind the edge: requests to {@code /api/<service>/rest} go to {@code base + /rest}, with a
 * user context minted for {@code audience}, the backend's trust group.
 */
record Route(String service, URI base, String audience) {

    /** The backend URL for the rest of the path (already percent-encoded) and the raw query, if any. */
    URI target(String rawRest, String rawQuery) {
        String base = this.base.toString();
        if (base.endsWith("/") && rawRest.startsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + rawRest + (rawQuery == null ? "" : "?" + rawQuery));
    }
}
