package io.github.edgeauth.client;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.edgeauth.core.internal.config.ClientAuthMethod;
import io.github.edgeauth.core.internal.config.Settings;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM-wide token cache, used as an application uses it: features made with the public constructor from
 * {@code edgeauth.client.<name>.*} system properties, calling a downstream on loopback with tokens from a
 * provider on loopback that authenticates its clients. Token requests are counted at the provider, and each
 * downstream call's token is read. Every test has its own provider (its own token endpoint) and its own
 * client ids, so no test finds another's tokens in the cache.
 */
class SharedTokenCacheTest {
    private static final String RIGHT_SECRET = "right-s3cret-never-logged";
    private static final String WRONG_SECRET = "wrong-s3cret-never-logged";

    private TokenProvider provider;
    private Downstream downstream;
    private String clientId;
    private final List<String> properties = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws Exception {
        provider = new TokenProvider();
        downstream = new Downstream();
        clientId = "orders-" + UUID.randomUUID();
        provider.registerSecret(clientId, ClientAuthMethod.CLIENT_SECRET_BASIC, RIGHT_SECRET);
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("io.github.edgeauth.client").setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        properties.forEach(System::clearProperty);
        ServiceTokenFeature.release(); // what ClientLifecycle does when the application stops
        Logger.getLogger("").removeHandler(capture);
        downstream.close();
        provider.close();
        assertFalse(logs.stream().anyMatch(line -> line.contains(RIGHT_SECRET) || line.contains(WRONG_SECRET)),
                "a client secret was logged: " + logs);
    }

    /** Client {@code name}'s settings, as system properties: the test's client, changed by {@code changes}. */
    private ServiceTokenFeature client(String name, String... changes) {
        Map<String, String> settings = new HashMap<>();
        settings.put("token-endpoint", provider.issuer() + "/token");
        settings.put("client-id", clientId);
        settings.put("client-secret", RIGHT_SECRET);
        settings.put("scopes", "inventory:read");
        settings.put("audience", "inventory-api");
        settings.put("base-urls", downstream.uri("/").toString());
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                settings.remove(changes[i]);
            } else {
                settings.put(changes[i], changes[i + 1]);
            }
        }
        settings.forEach((key, value) -> {
            String property = ClientSettings.PREFIX + name + "." + key;
            System.setProperty(property, value);
            properties.add(property);
        });
        return new ServiceTokenFeature(name);
    }

    /** One downstream call through a new JAX-RS client with {@code feature}; the token it carried. */
    private String call(ServiceTokenFeature feature) {
        Client client = ClientBuilder.newClient().register(feature);
        try (Response response = client.target(downstream.uri("/items")).request().get()) {
            assertEquals(200, response.getStatus());
            String authorization = downstream.seenAuthorizations.get(downstream.seenAuthorizations.size() - 1);
            return authorization.replaceFirst("^Bearer ", "");
        } finally {
            client.close();
        }
    }

    /** A downstream call that gets no token: the provider's refusal, as the caller sees it. */
    private ServiceTokenUnavailableException refused(ServiceTokenFeature feature) {
        int callsBefore = downstream.calls.get();
        Client client = ClientBuilder.newClient().register(feature);
        try {
            ProcessingException failure = assertThrows(ProcessingException.class,
                    () -> client.target(downstream.uri("/items")).request().get().close());
            Throwable cause = failure instanceof ServiceTokenUnavailableException ? failure : failure.getCause();
            assertEquals(callsBefore, downstream.calls.get(), "the downstream was called without a token of its own");
            return assertInstanceOf(ServiceTokenUnavailableException.class, cause);
        } finally {
            client.close();
        }
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static Path pem(Path folder, RSAKey key) throws Exception {
        Path pem = Files.createTempFile(folder, "client", ".pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.toRSAPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return pem;
    }

    @Test
    void clientsWithTheSameSettingsShareOneTokenRequest() {
        String first = call(client("billing"));
        String again = call(client("billing"));
        String otherName = call(client("billing-reports"));

        assertEquals(1, provider.tokenRequests());
        assertEquals(first, again);
        assertEquals(first, otherName);
    }

    @Test
    void otherScopesGetATokenOfTheirOwn() throws Exception {
        String reader = call(client("reader", "scopes", "inventory:read"));
        String writer = call(client("writer", "scopes", "inventory:write"));

        assertEquals(2, provider.tokenRequests());
        assertNotEquals(reader, writer);
        assertEquals("inventory:read", claims(reader).getStringClaim("scope"));
        assertEquals("inventory:write", claims(writer).getStringClaim("scope"));
    }

    @Test
    void anotherAudienceGetsATokenOfItsOwn() throws Exception {
        String inventory = call(client("inventory", "audience", "inventory-api"));
        String billing = call(client("billing", "audience", "billing-api"));

        assertEquals(2, provider.tokenRequests());
        assertNotEquals(inventory, billing);
        assertEquals(List.of("inventory-api"), claims(inventory).getAudience());
        assertEquals(List.of("billing-api"), claims(billing).getAudience());
    }

    @Test
    void anotherClientIdGetsATokenOfItsOwn() throws Exception {
        String otherId = "reports-" + UUID.randomUUID();
        provider.registerSecret(otherId, ClientAuthMethod.CLIENT_SECRET_BASIC, RIGHT_SECRET);

        String orders = call(client("orders"));
        String reports = call(client("reports", "client-id", otherId));

        assertEquals(2, provider.tokenRequests());
        assertNotEquals(orders, reports);
        assertEquals(clientId, claims(orders).getSubject());
        assertEquals(otherId, claims(reports).getSubject());
    }

    @Test
    void aWrongSecretIsRefusedEvenAfterTheRightOneGotAToken() {
        call(client("orders"));

        ServiceTokenUnavailableException refusal = refused(client("orders-misconfigured", "client-secret", WRONG_SECRET));

        assertEquals(401, refusal.status(), refusal.getMessage());
        assertEquals(2, provider.tokenRequests(), "the wrong secret was not shown to the provider");
    }

    @Test
    void aWrongSecretTriedFirstDoesNotLockOutTheRightOne() {
        refused(client("orders-misconfigured", "client-secret", WRONG_SECRET));

        call(client("orders"));

        assertEquals(2, provider.tokenRequests());
    }

    @Test
    void aMethodTheProviderRefusesForTheClientDoesNotGetTheTokenOfTheAllowedOne() {
        call(client("orders"));

        ServiceTokenUnavailableException refusal = refused(client("orders-post", "client-auth", "client_secret_post"));

        assertEquals(401, refusal.status(), refusal.getMessage());
        assertEquals(2, provider.tokenRequests());
    }

    @Test
    void aKeyTheProviderDoesNotKnowDoesNotGetTheTokenOfTheRegisteredKey(@TempDir Path folder) throws Exception {
        RSAKey registeredKey = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        RSAKey otherKey = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        provider.registerKey(clientId, registeredKey);

        String token = call(client("signed", "client-auth", "private_key_jwt", "client-secret", null,
                "client-key", pem(folder, registeredKey).toString()));
        ServiceTokenUnavailableException refusal = refused(client("signed-other-key", "client-auth", "private_key_jwt",
                "client-secret", null, "client-key", pem(folder, otherKey).toString()));

        assertEquals(clientId, claims(token).getSubject());
        assertEquals(401, refusal.status(), refusal.getMessage());
        assertEquals(2, provider.tokenRequests());
    }

    @Test
    void theCacheKeyNamesTheClientButNeverItsSecret() {
        client("printed", "client-auth", "client_secret_post");
        ClientConfiguration config = ClientConfiguration.read("printed", Settings.standalone());

        String printed = TokenSourceKey.of(config).toString();

        assertFalse(printed.contains(RIGHT_SECRET), printed);
        assertFalse(printed.contains(TokenSourceKey.of(config).credential()), printed);
        assertTrue(printed.contains(clientId) && printed.contains("client_secret_post"), printed);
    }
}
