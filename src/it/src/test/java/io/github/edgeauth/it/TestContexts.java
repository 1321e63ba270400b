package io.github.edgeauth.it;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.keys.KeyFiles;
import io.github.edgeauth.core.token.ContextSigner;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** What the Arquillian tests send: contexts signed with the test-only key, to the deployment on loopback. */
final class TestContexts {
    private TestContexts() {
    }

    /** A one-minute context for {@code subject} with {@code roles}, as the edge would mint it. */
    static String context(String subject, Set<String> roles) throws Exception {
        Path pem = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pem");
        JWK key = KeyFiles.pemFile(pem).stream().filter(JWK::isPrivate).findFirst().orElseThrow();
        return new ContextSigner(key, JWSAlgorithm.RS256, "edgeauth-edge").mint(
                UserContext.builder().subject(subject).roles(roles).build(), "edgeauth", Duration.ofSeconds(60));
    }

    /** {@code path} under the deployment, on 127.0.0.1: the adapter reports the machine's address instead. */
    static URI onLoopback(URL deployed, String path) {
        return URI.create("http://127.0.0.1:" + deployed.getPort() + deployed.getPath() + path);
    }
}
