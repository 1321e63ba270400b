package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.testing.TestKeys;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * What a discovery document names is held to the issuer's own scheme: an https issuer whose document points
 * at plain-http keys would let anyone on that path swap the keys, so those keys are never fetched.
 */
class DiscoveredUrlsTest {
    private static final String ISSUER = "https://idp.example.com/realms/shop";
    private static final RSAKey KEY = (RSAKey) TestKeys.rsa();

    /** Serves the discovery document naming {@code jwksUri}, and the key set; records what was asked. */
    private static final class Provider implements ResourceRetriever {
        private final String jwksUri;
        private final List<String> asked = new ArrayList<>();

        Provider(String jwksUri) {
            this.jwksUri = jwksUri;
        }

        @Override
        public Resource retrieveResource(URL url) throws IOException {
            asked.add(url.toString());
            if (url.toString().endsWith("/.well-known/openid-configuration")) {
                return new Resource("{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + jwksUri + "\"}", "application/json");
            }
            if (url.toString().equals(jwksUri)) {
                return new Resource(new JWKSet(KEY.toPublicJWK()).toString(), "application/json");
            }
            throw new IOException("nothing at " + url);
        }
    }

    private static String token() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(ISSUER).audience("orders")
                .subject("reporting-job").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static VerificationResult verify(Provider provider) throws Exception {
        return ProviderTokenVerifier.serviceTokens(ISSUER, "orders", Set.of(JWSAlgorithm.RS256), Optional.empty(),
                Duration.ofSeconds(60), new ClaimMapping("roles"), 10, provider, Clock.systemUTC()).verify(token());
    }

    @Test
    void anHttpsIssuersPlainHttpJwksUriIsNeverFetched() throws Exception {
        Provider downgraded = new Provider("http://idp.example.com/realms/shop/keys");
        VerificationResult result = verify(downgraded);
        assertEquals(ReasonCode.KEYS_UNAVAILABLE, assertInstanceOf(VerificationResult.Rejected.class, result).reason());
        assertFalse(downgraded.asked.contains("http://idp.example.com/realms/shop/keys"), downgraded.asked.toString());
    }

    @Test
    void anHttpsJwksUriIsFetchedAndItsKeysVerify() throws Exception {
        assertInstanceOf(VerificationResult.Accepted.class, verify(new Provider("https://idp.example.com/realms/shop/keys")));
    }
}
