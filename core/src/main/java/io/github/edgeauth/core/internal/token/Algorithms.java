package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.http.LogSafe;
import com.nimbusds.jose.JWSAlgorithm;

import java.util.LinkedHashSet;
import java.util.Set;

/** Parses an algorithm list setting: asymmetric JWS algorithms only (RS*, PS*, ES*). */
public final class Algorithms {
    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private Algorithms() {
    }

    /** The algorithms named by {@code setting}; fails naming it for an unknown or symmetric one. */
    public static Set<JWSAlgorithm> read(Settings settings, Setting setting) {
        Set<JWSAlgorithm> result = new LinkedHashSet<>();
        for (String name : settings.list(setting)) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name);
            if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                throw new ConfigurationException(setting, name + " is symmetric; use RS256, PS256 or ES256");
            }
            if (!SUPPORTED.contains(alg)) {
                throw new ConfigurationException(setting, "unknown algorithm " + LogSafe.clean(name)
                        + "; use RS256, PS256, ES256 (or their 384/512 forms)");
            }
            result.add(alg);
        }
        if (result.isEmpty()) {
            throw new ConfigurationException(setting, "names no algorithm");
        }
        return Set.copyOf(result);
    }
}
