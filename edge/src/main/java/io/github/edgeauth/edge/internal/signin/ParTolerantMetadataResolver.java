package io.github.edgeauth.edge.internal.signin;

import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.metadata.OidcOpMetadataResolver;

/**
 * Works around pac4j-oidc 6.5: with {@code private_key_jwt} it also builds a client assertion for the
 * pushed-authorization-request endpoint, and fails with a NullPointerException when the provider has none
 * (the edge never uses PAR). The missing endpoint is filled with the token endpoint, used only as that
 * unused assertion's audience.
 */
final class ParTolerantMetadataResolver extends OidcOpMetadataResolver {

    ParTolerantMetadataResolver(OidcConfiguration configuration) {
        super(configuration);
    }

    @Override
    protected OIDCProviderMetadata retrieveMetadata() {
        OIDCProviderMetadata metadata = super.retrieveMetadata();
        if (metadata.getPushedAuthorizationRequestEndpointURI() == null) {
            metadata.setPushedAuthorizationRequestEndpointURI(metadata.getTokenEndpointURI());
        }
        return metadata;
    }
}
