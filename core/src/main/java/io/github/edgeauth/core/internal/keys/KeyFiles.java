package io.github.edgeauth.core.internal.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads signing and verification keys from a JWK-set file, a PEM file or a PKCS#12 keystore, as nimbus
 * {@link JWK}s whose {@code kid} is the RFC 7638 thumbprint unless the file names one. The edge loads its
 * private key here, a backend the matching public key, so both sides agree on the {@code kid}.
 * Errors say what is wrong with the file, never what is in it.
 */
public final class KeyFiles {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private KeyFiles() {
    }

    /**
     * Every key in {@code file}, read by its extension: {@code .p12} or {@code .pfx} a PKCS#12 store (with
     * {@code password}), {@code .json} or {@code .jwks} a JWK set, anything else PEM.
     */
    public static List<JWK> byExtension(Path file, char[] password) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return keystore(file, password);
        }
        if (name.endsWith(".json") || name.endsWith(".jwks")) {
            return jwkSetFile(file);
        }
        return pemFile(file);
    }

    /**
     * Every key in {@code file}, read by what it holds, whatever its name: JSON (an opening brace first,
     * after white space) a JWK set, text with a {@code -----BEGIN} line PEM, anything else a PKCS#12 store
     * opened with {@code password}. For tools an admin points at "the key file", where a name proves nothing.
     */
    public static List<JWK> byContent(Path file, char[] password) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.stripLeading().startsWith("{")) {
            return jwkSetFile(file);
        }
        if (text.contains("-----BEGIN ")) {
            return pemFile(file);
        }
        try {
            return keystore(file, password);
        } catch (IOException e) {
            throw new IOException("is neither a JWK set (JSON) nor PEM, and " + e.getMessage());
        }
    }

    /** Every key of a JWK-set file (RFC 7517 JSON), private parts included when present. */
    public static List<JWK> jwkSetFile(Path file) throws IOException {
        try {
            JWKSet set = JWKSet.load(file.toFile());
            List<JWK> keys = new ArrayList<>();
            for (JWK key : set.getKeys()) {
                keys.add(key.getKeyID() == null ? withThumbprintId(key) : key);
            }
            return List.copyOf(keys);
        } catch (ParseException e) {
            throw new IOException("not a JWK set (RFC 7517 JSON with a \"keys\" array)");
        }
    }

    /**
     * Every key of a PEM file: {@code CERTIFICATE}, {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) and
     * {@code PRIVATE KEY} (PKCS#8) blocks, RSA or EC. A private key yields a key pair with its public half.
     */
    public static List<JWK> pemFile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher blocks = PEM_BLOCK.matcher(text);
        List<JWK> keys = new ArrayList<>();
        while (blocks.find()) {
            String type = blocks.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(blocks.group(2));
            } catch (IllegalArgumentException e) {
                throw new IOException("a " + type + " block is not valid base64");
            }
            try {
                switch (type) {
                    case "CERTIFICATE" -> keys.add(toJwk(certificate(der).getPublicKey(), null));
                    case "PUBLIC KEY" -> keys.add(toJwk(publicKey(der), null));
                    case "PRIVATE KEY" -> keys.add(toJwk(null, privateKey(der)));
                    case "RSA PRIVATE KEY", "EC PRIVATE KEY", "RSA PUBLIC KEY", "ENCRYPTED PRIVATE KEY" ->
                            throw new IOException("a " + type + " block is not supported: convert it with "
                                    + "'openssl pkcs8 -topk8 -nocrypt' (private) or 'openssl pkey -pubout' (public)");
                    default -> throw new IOException("a " + type + " block is not a key or certificate");
                }
            } catch (GeneralSecurityException | JOSEException e) {
                throw new IOException("a " + type + " block holds no usable RSA or EC key");
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("holds no PEM key or certificate block");
        }
        return List.copyOf(keys);
    }

    /**
     * Every key of a PKCS#12 keystore: a private-key entry yields the key pair, a certificate entry its
     * public key. {@code password} opens the store and its private keys.
     */
    public static List<JWK> keystore(Path file, char[] password) throws IOException {
        return keystore(file, password, Set.of());
    }

    /**
     * The keys of the PKCS#12 entries named {@code aliases} (every entry when empty).
     *
     * @throws IllegalArgumentException naming an alias the store does not hold
     */
    public static List<JWK> keystore(Path file, char[] password, Set<String> aliases) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : aliases) {
                if (!store.containsAlias(alias)) {
                    throw new IllegalArgumentException("holds no entry with alias " + alias);
                }
            }
            List<JWK> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (!aliases.isEmpty() && !aliases.contains(alias)) {
                    continue;
                }
                Certificate certificate = store.getCertificate(alias);
                PublicKey publicKey = certificate == null ? null : certificate.getPublicKey();
                PrivateKey privateKey = null;
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    privateKey = key instanceof PrivateKey pk ? pk : null;
                }
                if (publicKey != null || privateKey != null) {
                    keys.add(toJwk(publicKey, privateKey));
                }
            }
            if (keys.isEmpty()) {
                throw new IOException("holds no RSA or EC key or certificate");
            }
            return List.copyOf(keys);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IOException("cannot be opened as PKCS#12 with the given password, or holds no usable key");
        }
    }

    /** The public halves of {@code keys}; symmetric keys are dropped. */
    public static List<JWK> publicOnly(List<JWK> keys) {
        List<JWK> result = new ArrayList<>();
        for (JWK key : keys) {
            JWK pub = key.toPublicJWK();
            if (pub != null) {
                result.add(pub);
            }
        }
        return List.copyOf(result);
    }

    private static JWK toJwk(PublicKey publicKey, PrivateKey privateKey) throws GeneralSecurityException, JOSEException {
        PublicKey pub = publicKey != null ? publicKey : publicOf(privateKey);
        if (pub instanceof RSAPublicKey rsa) {
            RSAKey.Builder builder = new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE);
            if (privateKey != null) {
                builder.privateKey(privateKey);
            }
            return builder.keyIDFromThumbprint().build();
        }
        if (pub instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new GeneralSecurityException("unsupported curve");
            }
            ECKey.Builder builder = new ECKey.Builder(curve, ec).keyUse(KeyUse.SIGNATURE);
            if (privateKey != null) {
                builder.privateKey(privateKey);
            }
            return builder.keyIDFromThumbprint().build();
        }
        throw new GeneralSecurityException("not an RSA or EC key");
    }

    private static PublicKey publicOf(PrivateKey privateKey) throws GeneralSecurityException {
        if (privateKey instanceof RSAPrivateCrtKey crt) {
            return KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        }
        if (privateKey instanceof ECPrivateKey) {
            throw new GeneralSecurityException("an EC private key needs its certificate or public key beside it");
        }
        throw new GeneralSecurityException("not an RSA or EC key");
    }

    private static Certificate certificate(byte[] der) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    private static JWK withThumbprintId(JWK key) {
        try {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(key.toJSONObject());
            json.put("kid", key.computeThumbprint().toString());
            return JWK.parse(json);
        } catch (JOSEException | ParseException e) {
            return key;
        }
    }
}
