package io.github.edgeauth.edge.internal.keys;

import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.MutableClock;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A key rotation through the key files, with no restart: publish the next key, sign with it, retire the old. */
class KeyRingTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration TTL = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private final JWK a = key();
    private final JWK b = key();

    private static JWK key() {
        try {
            return new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path write(String name, JWK key) throws Exception {
        return Files.writeString(dir.resolve(name), new JWKSet(key).toString(false));
    }

    private KeyRing ring(Map<String, String> settings) {
        Map<String, String> withOrigin = new java.util.HashMap<>(settings);
        withOrigin.put("edgeauth.edge.public-url", "https://edge.example.test");
        EdgeConfiguration config = EdgeConfiguration.read(Settings.of(withOrigin, Map.of()));
        return new KeyRing(config.keys(), config.keySource(), config.id(), config.contextTtl(),
                config.keyCheckInterval(), clock);
    }

    private static List<String> published(KeyRing ring) throws Exception {
        return JWKSet.parse(ring.jwks()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static String signedWith(KeyRing ring) throws Exception {
        String context = ring.signer().mint(UserContext.builder().subject("alice").build(), "edgeauth", TTL);
        return SignedJWT.parse(context).getHeader().getKeyID();
    }

    @Test
    void theNextKeyIsPublishedThenSignedWithAndTheOldOneStaysPublishedUntilItsContextsExpire() throws Exception {
        Path signing = write("signing.json", a);
        Path next = write("next.json", a);
        KeyRing ring = ring(Map.of("edgeauth.edge.signing-key", signing.toString(),
                "edgeauth.edge.next-key", next.toString()));
        assertEquals(List.of(a.getKeyID()), published(ring));

        write("next.json", b);
        assertEquals(List.of(a.getKeyID()), published(ring), "not before the interval");
        clock.advance(INTERVAL);
        assertEquals(List.of(a.getKeyID(), b.getKeyID()), published(ring));
        assertEquals(a.getKeyID(), signedWith(ring), "the next key is published, not used");

        write("signing.json", b);
        clock.advance(INTERVAL);
        assertEquals(b.getKeyID(), signedWith(ring));
        assertEquals(List.of(b.getKeyID(), a.getKeyID()), published(ring), "the replaced key stays published");

        clock.advance(TTL.plus(KeyRing.RETIRED_FOR).plus(INTERVAL));
        assertEquals(List.of(b.getKeyID()), published(ring));
        assertEquals(b.getKeyID(), signedWith(ring));
    }

    @Test
    void aKeyFileThatNoLongerHoldsAUsableKeyLeavesTheKeysInUse() throws Exception {
        Path signing = write("signing.json", a);
        KeyRing ring = ring(Map.of("edgeauth.edge.signing-key", signing.toString()));

        Files.writeString(signing, "{\"keys\": [");
        clock.advance(INTERVAL);
        assertEquals(a.getKeyID(), signedWith(ring));
        assertEquals(List.of(a.getKeyID()), published(ring));

        write("signing.json", b.toPublicJWK());
        clock.advance(INTERVAL);
        assertEquals(a.getKeyID(), signedWith(ring), "a public key cannot sign");

        write("signing.json", b);
        clock.advance(INTERVAL);
        assertEquals(b.getKeyID(), signedWith(ring), "a usable key is taken once it is there");
    }

    @Test
    void withTheCheckTurnedOffTheFilesAreReadOnlyAtDeployment() throws Exception {
        Path signing = write("signing.json", a);
        KeyRing ring = ring(Map.of("edgeauth.edge.signing-key", signing.toString(),
                "edgeauth.edge.key-check-interval", "0"));
        write("signing.json", b);
        clock.advance(Duration.ofDays(1));
        assertEquals(a.getKeyID(), signedWith(ring));
    }

    @Test
    void anEphemeralDevelopmentKeyIsNeverReplaced() throws Exception {
        EdgeConfiguration config = EdgeConfiguration.read(Settings.of(Map.of(), Map.of("EDGEAUTH_EDGE_DEVELOPMENT", "true")));
        KeyRing ring = new KeyRing(config.keys(), config.keySource(), config.id(), config.contextTtl(),
                config.keyCheckInterval(), clock);
        String kid = signedWith(ring);
        clock.advance(Duration.ofDays(1));
        assertEquals(kid, signedWith(ring));
        assertEquals(List.of(kid), published(ring));
    }
}
