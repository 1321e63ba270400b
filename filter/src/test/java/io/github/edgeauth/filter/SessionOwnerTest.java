package io.github.edgeauth.filter;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.ContextSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One browser, two people, a legacy application that keeps data in its session: after Bob signed out at the edge,
 * neither Alice signing in with the same browser nor an anonymous page view sees what Bob kept (the browser still
 * sends Bob's session cookie; the filter ends that session before the application runs).
 */
class SessionOwnerTest {
    private static final JWK KEY = TestKeys.rsa();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static JettyBackend backend;

    @BeforeAll
    static void start() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(KEY.toPublicJWK()).toString());
        backend = JettyBackend.start(Map.of("edgeauth.context.jwks-file", jwks.toString(),
                "edgeauth.context.issuer", Forge.ISSUER, "edgeauth.context.audience", Forge.AUDIENCE,
                "edgeauth.filter.public-paths", "/public/*"));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static String context(String subject) {
        return new ContextSigner(KEY, JWSAlgorithm.RS256, Forge.ISSUER).mint(UserContext.builder().subject(subject)
                .build(), Forge.AUDIENCE, Duration.ofSeconds(60));
    }

    /** What a browser has: the session cookie the application set, sent back with every request. */
    private static final class Browser {
        private final List<String> cookies = new ArrayList<>();

        String get(String path, String context) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri(path)).timeout(Duration.ofSeconds(10));
            if (context != null) {
                request.header("X-User-Context", context);
            }
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            for (String set : response.headers().allValues("Set-Cookie")) {
                for (HttpCookie cookie : HttpCookie.parse(set)) {
                    cookies.removeIf(c -> c.startsWith(cookie.getName() + "="));
                    cookies.add(cookie.getName() + "=" + cookie.getValue());
                }
            }
            return response.body();
        }
    }

    @Test
    void theNextPersonInTheSameBrowserSeesNothingOfTheLastOnesSession() throws Exception {
        Browser browser = new Browser();
        String bob = context("bob");
        browser.get("/notes?note=bob-secret", bob);
        // The control: Bob's own next request sees his note, so the session works and the cookie is sent.
        assertTrue(browser.get("/notes", bob).contains("sessionNote=bob-secret\n"));

        // Bob signed out at the edge; Alice signs in. The browser still holds Bob's session cookie.
        String alice = browser.get("/notes", context("alice"));
        assertTrue(alice.contains("subject=alice\n"), alice);
        assertTrue(alice.contains("sessionNote=\n"), "Alice saw what Bob kept: " + alice);
        // And Bob, back in another browser tab with that old cookie, does not get Alice's session either.
        browser.get("/notes?note=alice-secret", context("alice"));
        assertTrue(browser.get("/notes", context("bob")).contains("sessionNote=\n"));
    }

    @Test
    void aSessionTheApplicationMakesThroughTheContainersOwnRequestIsKeptForItsMaker() throws Exception {
        Browser browser = new Browser();
        browser.get("/notes?rawnote=bob-cart", context("bob"));
        assertTrue(browser.get("/notes", context("bob")).contains("sessionNote=bob-cart\n"), "Bob lost his session");
        assertTrue(browser.get("/notes", context("alice")).contains("sessionNote=\n"), "Alice saw Bob's session");
    }

    @Test
    void aPublicPageAfterSignOutSeesNothingOfTheSession() throws Exception {
        Browser browser = new Browser();
        browser.get("/public/notes?note=bob-secret", context("bob"));
        assertTrue(browser.get("/public/notes", context("bob")).contains("sessionNote=bob-secret\n"));
        String anonymous = browser.get("/public/notes", null);
        assertTrue(anonymous.contains("anonymous=true\n"), anonymous);
        assertTrue(anonymous.contains("sessionNote=\n"), "an anonymous page saw what Bob kept: " + anonymous);
    }

    @Test
    void aSessionMadeAnonymouslyIsNotCarriedIntoASignIn() throws Exception {
        Browser browser = new Browser();
        browser.get("/public/notes?note=planted", null);
        assertTrue(browser.get("/public/notes", null).contains("sessionNote=planted\n"));
        assertTrue(browser.get("/notes", context("bob")).contains("sessionNote=\n"));
    }
}
