package io.github.edgeauth.core.testing;

import io.github.edgeauth.core.internal.keys.KeyFiles;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/** Fresh key pairs for tests, with thumbprint kids as {@link KeyFiles} gives them. */
/** Test support: fresh keys for each algorithm. */
public final class TestKeys {
    private TestKeys() {
    }

    public static JWK rsa() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JWK ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JWK forAlgorithm(JWSAlgorithm alg) {
        return JWSAlgorithm.Family.EC.contains(alg) ? ec() : rsa();
    }

    public static JWKSource<SecurityContext> publicSource(JWK... keys) {
        JWK[] pub = new JWK[keys.length];
        for (int i = 0; i < keys.length; i++) {
            pub[i] = keys[i].toPublicJWK();
        }
        return new ImmutableJWKSet<>(new JWKSet(java.util.List.of(pub)));
    }
}
