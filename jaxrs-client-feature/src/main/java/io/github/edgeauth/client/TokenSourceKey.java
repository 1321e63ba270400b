package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.config.ClientAuthMethod;
import com.nimbusds.jose.JOSEException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which clients of the JVM share one cached token: those that ask the same provider (token endpoint, or issuer
 * when it is discovered) for the same client id, scopes and audience, and authenticate the same way with the
 * same credential. A client whose secret or key differs asks the provider itself, so it never gets a token the
 * provider gave to other credentials.
 *
 * @param credential an HMAC of the secret or of the key's thumbprint under a key made for this JVM: equal for
 *                   equal credentials, useless to anyone who reads it; never printed
 */
record TokenSourceKey(String tokenEndpoint, String issuer, String clientId, List<String> scopes, String audience,
                      ClientAuthMethod clientAuth, String credential) {
    private static final byte[] JVM_KEY = randomKey();

    static TokenSourceKey of(ClientConfiguration config) {
        return new TokenSourceKey(config.tokenEndpoint().map(Object::toString).orElse(""),
                config.issuer().map(Object::toString).orElse(""), config.clientId(), List.copyOf(config.scopes()),
                config.audience().orElse(""), config.clientAuth(), credential(config));
    }

    @Override
    public String toString() {
        return "TokenSourceKey[tokenEndpoint=" + (tokenEndpoint.isEmpty() ? "(discovered from " + issuer + ")" : tokenEndpoint)
                + ", clientId=" + clientId + ", scopes=" + scopes + ", audience=" + audience
                + ", clientAuth=" + clientAuth.value() + "]";
    }

    private static String credential(ClientConfiguration config) {
        if (config.clientAuth().usesSecret()) {
            return hmac("secret:" + config.secret().orElseThrow());
        }
        try {
            return hmac("key:" + config.clientKey().orElseThrow().computeThumbprint());
        } catch (JOSEException e) {
            throw new IllegalStateException("the client key of " + config.name() + " has no thumbprint", e);
        }
    }

    private static String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(JVM_KEY, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
