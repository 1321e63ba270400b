package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void missingKeysAreAUsageError() {
        Run run = explain("explain", "a.b.c");
        assertEquals(2, run.status());
        assertTrue(run.output().contains("--jwks is required"));
    }
}
