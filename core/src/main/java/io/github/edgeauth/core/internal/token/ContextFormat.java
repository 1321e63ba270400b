package io.github.edgeauth.core.internal.token;

import com.nimbusds.jose.JOSEObjectType;

/** The wire format of the user context, shared by the minting edge and the verifying filter. */
public final class ContextFormat {
    /** The {@code typ} header of every context, so no other JWT can pass for one. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("edgeauth-ctx+jwt");

    private ContextFormat() {
    }
}
