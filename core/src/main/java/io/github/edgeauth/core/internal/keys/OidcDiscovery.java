package io.github.edgeauth.core.internal.keys;

import java.net.URI;

/** Where an OIDC provider publishes its discovery document: one rule for the filter, the edge and the client. */
public final class OidcDiscovery {
    private OidcDiscovery() {
    }

    /** {@code <issuer>/.well-known/openid-configuration}, with one {@code /} between them (OIDC Discovery 4). */
    public static URI documentOf(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }
}
