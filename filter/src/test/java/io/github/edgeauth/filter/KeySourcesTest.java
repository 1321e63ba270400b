package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.keys.KeyFiles;
import io.github.edgeauth.core.internal.keys.RemoteKeys;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.MutableClock;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.internal.token.ContextSigner;
import io.github.edgeauth.core.internal.token.ContextVerifier;
import io.github.edgeauth.core.internal.token.VerificationResult;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each key source, end to end: keys written to a file or served at a URL, a minted context verified. */
class KeySourcesTest {
    private static final JWK KEY = TestKeys.rsa();

    @TempDir
    Path dir;

    private HttpServer jwksServer;
    private volatile boolean jwksDown;

    @AfterEach
    void stopServer() {
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    private static String mint(JWK key) {
        return new ContextSigner(key, JWSAlgorithm.RS256, "edgeauth-edge")
                .mint(UserContext.builder().subject("alice").build(), "edgeauth", Duration.ofSeconds(60));
    }

    private static VerificationResult verify(Map<String, String> settings, String token) {
        return FilterConfiguration.read(Settings.of(settings, Map.of())).contexts().verify(token);
    }

    /** A context from the edge, issued at the verifier's time. */
    private static String mintAt(Clock clock) {
        return Forge.context(KEY, JWSAlgorithm.RS256, clock.instant(), h -> h,
                c -> c.issuer("edgeauth-edge").audience("edgeauth"));
    }

    /** A context signed by the trusted key but naming a {@code kid} nobody published. */
    private static String unknownKid(Clock clock) {
        return Forge.context(KEY, JWSAlgorithm.RS256, clock.instant(), h -> h.keyID("made-up-" + Math.random()),
                c -> c.issuer("edgeauth-edge").audience("edgeauth"));
    }

    private static ReasonCode reason(VerificationResult verification) {
        return assertInstanceOf(VerificationResult.Rejected.class, verification).reason();
    }

    private static void assertAccepted(VerificationResult verification) {
        assertEquals("alice", assertInstanceOf(VerificationResult.Accepted.class, verification).context().subject());
    }

    @Test
    void jwkSetFileVerifies() throws IOException {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(KEY.toPublicJWK()).toString());
        assertAccepted(verify(Map.of("edgeauth.context.jwks-file", file.toString()), mint(KEY)));
    }

    @Test
    void pemPublicKeyFileVerifiesAndAgreesOnTheKid() throws Exception {
        Path file = dir.resolve("edge.pub.pem");
        byte[] der = ((RSAKey) KEY).toRSAPublicKey().getEncoded();
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n");
        assertEquals(KEY.getKeyID(), KeyFiles.pemFile(file).get(0).getKeyID());
        assertAccepted(verify(Map.of("edgeauth.context.pem-file", file.toString()), mint(KEY)));
    }

    @Test
    void pemPrivateKeyFileGivesTheEdgeASigningKey() throws Exception {
        Path file = dir.resolve("edge.key.pem");
        byte[] der = ((RSAKey) KEY).toRSAPrivateKey().getEncoded();
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        JWK loaded = KeyFiles.pemFile(file).get(0);
        assertTrue(loaded.isPrivate());
        assertEquals(KEY.getKeyID(), loaded.getKeyID());
        assertAccepted(verify(Map.of("edgeauth.context.jwks-file", writeJwks(KEY)), mint(loaded)));
    }

    /** Adds an RSA key pair under {@code alias} to the PKCS#12 store {@code store}, as an admin would. */
    private static void keytool(Path store, String alias) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + alias,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
    }

    @Test
    void pkcs12KeystoreMadeByKeytoolSignsAndVerifies() throws Exception {
        Path store = dir.resolve("edge.p12");
        keytool(store, "edge");

        JWK signing = KeyFiles.keystore(store, "changeit".toCharArray()).get(0);
        assertTrue(signing.isPrivate());

        assertAccepted(verify(Map.of("edgeauth.context.keystore-file", store.toString(),
                "edgeauth.context.keystore-password", "changeit"), mint(signing)));
    }

    @Test
    void keystoreAliasesLimitWhichEntriesAreTrusted() throws Exception {
        Path store = dir.resolve("shared.p12");
        keytool(store, "edge");
        keytool(store, "something-else");
        JWK edge = KeyFiles.keystore(store, "changeit".toCharArray(), Set.of("edge")).get(0);
        JWK other = KeyFiles.keystore(store, "changeit".toCharArray(), Set.of("something-else")).get(0);
        Map<String, String> onlyEdge = Map.of("edgeauth.context.keystore-file", store.toString(),
                "edgeauth.context.keystore-password", "changeit", "edgeauth.context.keystore-aliases", "edge");

        assertAccepted(verify(onlyEdge, mint(edge)));
        VerificationResult refused = verify(onlyEdge, mint(other));
        assertEquals(ReasonCode.UNKNOWN_KEY, assertInstanceOf(VerificationResult.Rejected.class, refused).reason());
    }

    @Test
    void aKeystoreAliasTheStoreLacksOrWithoutAKeystoreFailsNamingTheSetting() throws Exception {
        Path store = dir.resolve("one.p12");
        keytool(store, "edge");
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> FilterConfiguration.read(Settings.of(Map.of("edgeauth.context.keystore-file", store.toString(),
                        "edgeauth.context.keystore-password", "changeit",
                        "edgeauth.context.keystore-aliases", "edge next"), Map.of())));
        assertTrue(missing.getMessage().contains("edgeauth.context.keystore-aliases"), missing.getMessage());
        assertTrue(missing.getMessage().contains("alias next"), missing.getMessage());

        ConfigurationException misplaced = assertThrows(ConfigurationException.class,
                () -> FilterConfiguration.read(Settings.of(Map.of("edgeauth.context.jwks-file", writeJwks(KEY),
                        "edgeauth.context.keystore-aliases", "edge"), Map.of())));
        assertTrue(misplaced.getMessage().contains("edgeauth.context.keystore-aliases"), misplaced.getMessage());
    }

    @Test
    void jwksUrlVerifiesAndAFloodOfUnknownKidsFetchesAtMostTwicePerRefreshInterval() throws IOException {
        AtomicInteger fetches = serveJwks(new JWKSet(KEY.toPublicJWK()).toString());
        // Stands still unless moved, so a slow machine cannot open the rate limit's next window by itself.
        MutableClock clock = new MutableClock(Instant.now());
        ContextVerifier verifier = FilterConfiguration.read(Settings.of(
                Map.of("edgeauth.context.jwks-url", jwksUrl()), Map.of()), clock).contexts();

        assertAccepted(verifier.verify(mintAt(clock)));
        assertEquals(1, fetches.get());

        for (int i = 0; i < 200; i++) {
            assertEquals(ReasonCode.UNKNOWN_KEY, reason(verifier.verify(unknownKid(clock))));
        }
        // nimbus' rate limit lets two fetches through per interval: the first fetch was one of them, so the
        // first unknown kid refreshes once more, and then the limit holds.
        assertEquals(2, fetches.get(), "JWKS fetches");

        clock.advance(RemoteKeys.MIN_REFRESH_INTERVAL);
        for (int i = 0; i < 200; i++) {
            assertEquals(ReasonCode.UNKNOWN_KEY, reason(verifier.verify(unknownKid(clock))));
        }
        assertEquals(4, fetches.get(), "JWKS fetches after one more refresh interval");
    }

    @Test
    void jwksUrlFailingWhenTheCacheExpiresKeepsVerifyingWithTheKnownKeysForADay() throws IOException {
        AtomicInteger fetches = serveJwks(new JWKSet(KEY.toPublicJWK()).toString());
        MutableClock clock = new MutableClock(Instant.now());
        FilterConfiguration config = FilterConfiguration.read(Settings.of(Map.of(
                "edgeauth.context.jwks-url", jwksUrl(), "edgeauth.context.cache-size", "0"), Map.of()), clock);
        ContextVerifier verifier = config.contexts();
        assertAccepted(verifier.verify(mintAt(clock)));
        assertEquals(1, fetches.get());

        jwksDown = true;
        Duration cacheTime = Settings.of(Map.of(), Map.of()).duration(FilterSettings.CONTEXT_JWKS_CACHE_TIME);
        clock.advance(cacheTime.plusSeconds(1));

        assertAccepted(verifier.verify(mintAt(clock)));
        assertEquals(2, fetches.get(), "the expired cache should have sent the filter to the JWKS URL again");
        assertEquals(2, config.metrics().getKeyFetches());
        assertEquals(1, config.metrics().getKeyFetchFailures());

        // The last good keys are kept through an outage of a day, not for ever.
        clock.advance(Duration.ofDays(1));
        assertEquals(ReasonCode.KEYS_UNAVAILABLE, reason(verifier.verify(mintAt(clock))));
        assertEquals(3, fetches.get());
    }

    @Test
    void jwksUrlDownFromTheStartAnswersKeysUnavailable() throws IOException {
        serveJwks("{}");
        String url = jwksUrl();
        jwksServer.stop(0);
        jwksServer = null;
        ContextVerifier verifier = FilterConfiguration.read(Settings.of(
                Map.of("edgeauth.context.jwks-url", url), Map.of())).contexts();
        assertEquals(ReasonCode.KEYS_UNAVAILABLE,
                assertInstanceOf(VerificationResult.Rejected.class, verifier.verify(mint(KEY))).reason());
    }

    private String writeJwks(JWK key) throws IOException {
        Path file = dir.resolve("jwks-" + key.getKeyID() + ".json");
        Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
        return file.toString();
    }

    /** Serves {@code body} as the JWKS, or 503 while {@link #jwksDown}; counts the requests either way. */
    private AtomicInteger serveJwks(String body) throws IOException {
        AtomicInteger fetches = new AtomicInteger();
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            if (jwksDown) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        jwksServer.start();
        return fetches;
    }

    private String jwksUrl() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json";
    }
}
