package io.github.edgeauth.edge.internal.signin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import org.pac4j.oidc.config.method.IPrivateKeyJwtClientAuthnMethodConfig;

import java.security.PrivateKey;

/**
 * The key the edge signs {@code private_key_jwt} client assertions with: assertions live 60 seconds and
 * carry an expiry, as the provider's token endpoint expects.
 *
 * <p>pac4j 6.5 marks this interface deprecated, but its replacement reads keys only from a keystore, while
 * the edge's client key may be a PEM file, a PKCS#12 store or a JWK set (one loader for all three).
 */
@SuppressWarnings("deprecation")
final class ClientAssertionKey implements IPrivateKeyJwtClientAuthnMethodConfig {
    private static final long VALIDITY_SECONDS = 60;
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final JWSAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final JWK jwk;

    ClientAssertionKey(JWSAlgorithm algorithm, PrivateKey privateKey, JWK jwk) {
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.jwk = jwk;
    }

    @Override
    public boolean isUseExpiration() {
        return true;
    }

    @Override
    public JWSAlgorithm getJwsAlgorithm() {
        return algorithm;
    }

    @Override
    public PrivateKey getPrivateKey() {
        return privateKey;
    }

    @Override
    public String getKeyID() {
        return jwk.getKeyID();
    }

    @Override
    public int getKeyClockSkew() {
        return CLOCK_SKEW_SECONDS;
    }

    @Override
    public long getValidity() {
        return VALIDITY_SECONDS;
    }

    @Override
    public JWK getJwk() {
        return jwk;
    }
}
