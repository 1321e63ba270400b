package io.github.edgeauth.it;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Set;

/**
 * What the Arquillian tests send: contexts signed with the test-only key, to the deployment on loopback. The
 * servers verify them with the key this test JVM publishes, as backends do with the edge's JWKS URL.
 */
final class TestContexts {
    private TestContexts() {
    }

    /** A one-minute context for {@code subject} with {@code roles}, as the edge would mint it. */
    static String context(String subject, Set<String> roles) throws Exception {
        return context(subject, roles, Set.of());
    }

    /** As {@link #context(String, Set)}, with {@code scopes}. */
    static String context(String subject, Set<String> roles, Set<String> scopes) throws Exception {
        TestJwks.publish();
        return new ContextSigner(TestJwks.signingKey(), JWSAlgorithm.RS256, "edgeauth-edge").mint(
                UserContext.builder().subject(subject).roles(roles).scopes(scopes).build(), "edgeauth",
                Duration.ofSeconds(60));
    }

    /** {@code path} under the deployment, on 127.0.0.1: the adapter reports the machine's address instead. */
    static URI onLoopback(URL deployed, String path) {
        return URI.create("http://127.0.0.1:" + deployed.getPort() + deployed.getPath() + path);
    }
}
