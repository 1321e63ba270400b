package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar edgeauth-filter.jar explain ...}: decodes, verifies and names the reason. */
class ExplainCommandTest {
    private static final JWK KEY = TestKeys.rsa();

    @TempDir
    Path dir;

    private record Run(int status, String output) {
    }

    private Run explain(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = ExplainCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private String jwks() throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(KEY.toPublicJWK()).toString());
        return file.toString();
    }

    @Test
    void aValidContextIsExplainedAsAccepted() throws Exception {
        String token = new ContextSigner(KEY, JWSAlgorithm.RS256, "edgeauth-edge")
                .mint(UserContext.builder().subject("alice").roles(Set.of("admin")).build(), "shop", Duration.ofSeconds(60));
        Run run = explain("explain", token, "--jwks", jwks(), "--audience", "shop");
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("result:  accepted"), run.output());
        assertTrue(run.output().contains("subject: alice"), run.output());
        assertTrue(run.output().contains("\"typ\":\"edgeauth-ctx+jwt\""), run.output());
    }

    @Test
    void anExpiredContextIsExplainedWithItsReasonCode() throws Exception {
        String token = Forge.context(KEY, JWSAlgorithm.RS256, Instant.now(), h -> h,
                c -> c.issuer("edgeauth-edge").audience("edgeauth").expirationTime(Date.from(Instant.now().minusSeconds(600))));
        Run run = explain("explain", token, "--jwks", jwks());
        assertEquals(1, run.status());
        assertTrue(run.output().contains("reason:  context_expired (HTTP 401)"), run.output());
        assertTrue(run.output().contains("\"sub\":\"alice\""), run.output());
    }

    @Test
    void garbageAndAWrongAudienceAreExplained() throws Exception {
        assertTrue(explain("explain", "not-a-token", "--jwks", jwks()).output().contains("reason:  malformed"));
        String token = new ContextSigner(KEY, JWSAlgorithm.RS256, "edgeauth-edge")
                .mint(UserContext.builder().subject("alice").build(), "hr", Duration.ofSeconds(60));
        assertTrue(explain("explain", token, "--jwks", jwks(), "--audience", "shop").output()
                .contains("reason:  wrong_audience"));
    }

    private static String shopContext(JWK key, JWSAlgorithm alg) {
        return new ContextSigner(key, alg, "edgeauth-edge")
                .mint(UserContext.builder().subject("alice").build(), "shop", Duration.ofSeconds(60));
    }

    @Test
    void algorithmsDefaultToTheFiltersSoAnEs256ContextGetsTheFiltersVerdict() throws Exception {
        JWK ec = TestKeys.ec();
        Path file = dir.resolve("ec.json");
        Files.writeString(file, new JWKSet(ec.toPublicJWK()).toString());
        String token = shopContext(ec, JWSAlgorithm.ES256);

        Run byDefault = explain("explain", token, "--jwks", file.toString(), "--audience", "shop");
        assertEquals(1, byDefault.status(), byDefault.output());
        assertTrue(byDefault.output().contains("reason:  algorithm_not_allowed"), byDefault.output());

        Run told = explain("explain", token, "--jwks", file.toString(), "--audience", "shop", "--algorithms", "ES256");
        assertEquals(0, told.status(), told.output());
    }

    @Test
    void issuerDefaultsToTheFiltersAndAnOptionChangesIt() throws Exception {
        String token = new ContextSigner(KEY, JWSAlgorithm.RS256, "https://edge.example.com")
                .mint(UserContext.builder().subject("alice").build(), "edgeauth", Duration.ofSeconds(60));
        assertTrue(explain("explain", token, "--jwks", jwks()).output().contains("reason:  wrong_issuer"));
        assertEquals(0, explain("explain", token, "--jwks", jwks(), "--issuer", "https://edge.example.com").status());
    }

    @Test
    void optionsComeInAnyOrderBeforeOrAfterTheHeaderValue() throws Exception {
        String token = shopContext(KEY, JWSAlgorithm.RS256);
        Run optionsFirst = explain("explain", "--jwks", jwks(), "--audience", "shop", token);
        assertEquals(0, optionsFirst.status(), optionsFirst.output());
        Run mixed = explain("explain", "--audience", "shop", token, "--jwks", jwks());
        assertEquals(0, mixed.status(), mixed.output());
        Run withEquals = explain("explain", "--audience=shop", "--jwks=" + jwks(), token);
        assertEquals(0, withEquals.status(), withEquals.output());
    }

    @Test
    void anUnknownOptionOrASecondHeaderValueIsAUsageError() throws Exception {
        String token = shopContext(KEY, JWSAlgorithm.RS256);
        Run unknown = explain("explain", token, "--jwks", jwks(), "--audiences", "shop");
        assertEquals(2, unknown.status(), unknown.output());
        assertTrue(unknown.output().contains("unknown option --audiences"), unknown.output());
        Run twice = explain("explain", token, token, "--jwks", jwks());
        assertEquals(2, twice.status(), twice.output());
        assertTrue(!twice.output().contains(token), "a header value is never echoed back: " + twice.output());
    }

    @Test
    void aKeyFileIsReadByWhatItHoldsWhateverItsName() throws Exception {
        String token = shopContext(KEY, JWSAlgorithm.RS256);
        Path jwkSet = dir.resolve("edge-keys");
        Files.writeString(jwkSet, new JWKSet(KEY.toPublicJWK()).toString());
        Run unnamed = explain("explain", token, "--jwks", jwkSet.toString(), "--audience", "shop");
        assertEquals(0, unnamed.status(), unnamed.output());

        Path pem = dir.resolve("edge-public.json");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(((RSAKey) KEY).toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Run pemNamedJson = explain("explain", token, "--jwks", pem.toString(), "--audience", "shop");
        assertEquals(0, pemNamedJson.status(), pemNamedJson.output());
    }

    @Test
    void missingKeysAreAUsageError() {
        Run run = explain("explain", "a.b.c");
        assertEquals(2, run.status());
        assertTrue(run.output().contains("--jwks is required"));
    }
}
