package io.github.edgeauth.edge.internal.keys;

import io.github.edgeauth.edge.internal.settings.EdgeSettings;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.keys.KeyFiles;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The edge's signing key and the public keys it publishes: the current key and, during a rotation, the
 * next one, so backends already trust it when the edge starts signing with it.
 *
 * @param ephemeral whether the key was generated at start (development only: restarts change it)
 */
public record SigningKeys(JWK current, Optional<JWK> next, JWSAlgorithm algorithm, boolean ephemeral) {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    /** The JWK set served at {@code /.well-known/edgeauth/jwks.json}: public halves only. */
    public JWKSet publicSet() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current.toPublicJWK());
        next.map(JWK::toPublicJWK).filter(k -> !k.getKeyID().equals(current.getKeyID())).ifPresent(keys::add);
        return new JWKSet(keys);
    }

    /** Names the keys by id, never their private parts (a JWK's own {@code toString} prints them). */
    @Override
    public String toString() {
        return "SigningKeys[current=" + current.getKeyID() + ", next=" + next.map(JWK::getKeyID) + ", algorithm="
                + algorithm + ", ephemeral=" + ephemeral + "]";
    }

    /**
     * Where the keys come from: the files the settings name, read again by each {@link #load()}, so a key
     * rotation can replace them without a restart.
     *
     * @param signingKey empty in development mode without a key: then each load makes a new one
     */
    public record Source(Optional<Path> signingKey, Optional<Path> nextKey, String password, JWSAlgorithm algorithm) {

        public static Source of(Settings settings) {
            JWSAlgorithm algorithm = SigningKeys.algorithm(settings);
            Optional<Path> file = settings.optional(EdgeSettings.SIGNING_KEY).map(Path::of);
            if (file.isEmpty() && !settings.bool(EdgeSettings.DEVELOPMENT)) {
                // In a cluster every node would sign with a key of its own, and each restart logs every backend out.
                throw new ConfigurationException(EdgeSettings.SIGNING_KEY, "is required: the key the edge signs user"
                        + " contexts with (PEM, PKCS#12 or JWK set); for development only, "
                        + EdgeSettings.DEVELOPMENT.name() + "=true signs with a key made at start");
            }
            return new Source(file, settings.optional(EdgeSettings.NEXT_KEY).map(Path::of),
                    settings.optional(EdgeSettings.SIGNING_KEY_PASSWORD).orElse(""), algorithm);
        }

        /** The keys the files hold now; fails naming the setting whose file is wrong. */
        public SigningKeys load() {
            JWK current;
            if (signingKey.isEmpty()) {
                current = generate(algorithm);
                LOG.warning("edgeauth edge: no " + EdgeSettings.SIGNING_KEY.name() + " set: signing with an ephemeral "
                        + current.getKeyType() + " key generated at start, kid=" + current.getKeyID()
                        + ". Development only: backends must refetch keys after every restart.");
            } else {
                current = SigningKeys.load(EdgeSettings.SIGNING_KEY, signingKey.get(), password).stream()
                        .filter(JWK::isPrivate).findFirst()
                        .orElseThrow(() -> new ConfigurationException(EdgeSettings.SIGNING_KEY,
                                "file " + signingKey.get() + " holds no private key"));
            }
            checkType(EdgeSettings.SIGNING_KEY, current, algorithm);
            Optional<JWK> next = nextKey.map(f -> SigningKeys.load(EdgeSettings.NEXT_KEY, f, password).get(0).toPublicJWK());
            next.ifPresent(key -> checkType(EdgeSettings.NEXT_KEY, key, algorithm));
            return new SigningKeys(current, next, algorithm, signingKey.isEmpty());
        }

        /** A digest of the key files as they are now; a different one means a file was replaced. */
        String fingerprint() {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (Optional<Path> file : List.of(signingKey, nextKey)) {
                    if (file.isPresent()) {
                        digest.update(Files.isReadable(file.get()) ? Files.readAllBytes(file.get()) : new byte[0]);
                    }
                    digest.update((byte) 0);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                return "unreadable";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        /** Names the files, never the password. */
        @Override
        public String toString() {
            return "SigningKeys.Source[signingKey=" + signingKey + ", nextKey=" + nextKey + ", algorithm=" + algorithm + "]";
        }
    }

    private static JWSAlgorithm algorithm(Settings settings) {
        var algorithms = io.github.edgeauth.core.internal.token.Algorithms.read(settings, EdgeSettings.ALGORITHM);
        if (algorithms.size() != 1) {
            throw new ConfigurationException(EdgeSettings.ALGORITHM, "names one algorithm to sign with");
        }
        return algorithms.iterator().next();
    }

    /** Every key in {@code file} (PEM, PKCS#12 or JWK set, by extension); fails naming {@code setting}. */
    public static List<JWK> load(Setting setting, Path file, String password) {
        if (!Files.isReadable(file)) {
            throw new ConfigurationException(setting, "file " + file + " cannot be read");
        }
        try {
            return KeyFiles.byExtension(file, password.toCharArray());
        } catch (IOException e) {
            throw new ConfigurationException(setting, "file " + file + " " + e.getMessage());
        }
    }

    private static void checkType(Setting setting, JWK key, JWSAlgorithm algorithm) {
        KeyType wanted = KeyType.forAlgorithm(algorithm);
        if (!wanted.equals(key.getKeyType())) {
            throw new ConfigurationException(setting, "holds a " + key.getKeyType() + " key, but "
                    + EdgeSettings.ALGORITHM.name() + "=" + algorithm + " needs " + wanted);
        }
        if (key instanceof ECKey ec && !Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve())) {
            throw new ConfigurationException(setting, "holds an EC key on " + ec.getCurve() + ", which "
                    + algorithm + " does not use");
        }
    }

    private static JWK generate(JWSAlgorithm algorithm) {
        try {
            if (JWSAlgorithm.Family.EC.contains(algorithm)) {
                Curve curve = Curve.forJWSAlgorithm(algorithm).iterator().next();
                return new ECKeyGenerator(curve).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
            }
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an ephemeral signing key", e);
        }
    }
}
