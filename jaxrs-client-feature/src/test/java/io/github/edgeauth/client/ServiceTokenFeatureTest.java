package io.github.edgeauth.client;

import io.github.edgeauth.core.testing.MutableClock;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feature on a real JAX-RS client (Jersey) against a real OIDC server (mock-oauth2-server in this JVM)
 * and a real downstream service, all on loopback. Token requests are counted at the server.
 */
class ServiceTokenFeatureTest {
    private static final String SECRET = TokenProvider.SECRET;

    private TokenProvider provider;
    private MockOAuth2Server idp;
    private Downstream downstream;
    private final MutableClock clock = new MutableClock();
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
        idp = provider.server;
        downstream = new Downstream();
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("io.github.edgeauth.client").setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        downstream.close();
        provider.close();
        assertFalse(logs.stream().anyMatch(line -> line.contains(SECRET)), "the client secret was logged");
    }

    private String issuer() {
        return provider.issuer();
    }

    private Map<String, String> settings(String... extra) {
        Map<String, String> settings = provider.clientSettings(downstream.uri("/"));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    private ServiceTokenFeature feature(Map<String, String> settings, Propagation propagation) {
        return ServiceTokenFeature.of("inventory", settings, () -> propagation, clock);
    }

    private void tokensLive(long seconds) {
        provider.tokensLive(seconds);
    }

    private long tokenRequests() {
        return provider.tokenRequests();
    }

    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void aPartnerUrlCalledWithTheSameClientGetsNeitherTheTokenNorTheUsersContext() throws Exception {
        tokensLive(3600);
        Propagation alice = new Propagation(Optional.of("alice-context"), Optional.of("req-1"));
        Client client = ClientBuilder.newClient().register(feature(settings(), alice));
        try (Downstream partner = new Downstream()) {
            assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
            assertEquals(200, client.target(partner.uri("/webhook")).request().get().getStatus());
            assertEquals(List.of("null"), partner.seenAuthorizations);
            assertEquals(List.of("null"), partner.seenContexts);
            assertTrue(downstream.seenAuthorizations.get(0).startsWith("Bearer "));
            assertEquals(List.of("alice-context"), downstream.seenContexts);
        } finally {
            client.close();
        }
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedSoNothingCrossesIt() throws Exception {
        tokensLive(3600);
        Propagation alice = new Propagation(Optional.of("alice-context"), Optional.of("req-1"));
        Client client = ClientBuilder.newClient().register(feature(settings(), alice));
        try (Downstream elsewhere = new Downstream()) {
            downstream.redirectTo = elsewhere.uri("/collect");
            assertEquals(302, client.target(downstream.uri("/redirect")).request().get().getStatus());
            assertEquals(0, elsewhere.calls.get(), "the redirect was followed");
        } finally {
            client.close();
        }
    }

    @Test
    void aClientWithoutBaseUrlsFailsNamingTheSetting() {
        Map<String, String> unbound = settings();
        unbound.remove("edgeauth.client.inventory.base-urls");
        var error = assertThrows(io.github.edgeauth.core.internal.config.ConfigurationException.class, () -> feature(unbound, Propagation.NONE));
        assertTrue(error.getMessage().contains("edgeauth.client.inventory.base-urls"), error.getMessage());
    }

    @Test
    void sixtyFourThreadsOnAColdCacheCauseExactlyOneTokenRequest() throws Exception {
        tokensLive(3600);
        ServiceTokenFeature feature = feature(settings(), Propagation.NONE);
        Client client = ClientBuilder.newClient().register(feature);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> {
                    go.await();
                    try (Response response = client.target(downstream.uri("/items")).request().get()) {
                        return response.getStatus();
                    }
                });
            }
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                results.add(pool.submit(call));
            }
            go.countDown();
            for (Future<Integer> result : results) {
                assertEquals(200, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            client.close();
        }
        assertEquals(1, tokenRequests());
        assertEquals(1, downstream.seenAuthorizations.stream().distinct().count(), "everybody used the one token");
    }

    @Test
    void acrossThreeLifetimesThreeTokenRequestsAndNobodyWaitsAfterTheFirst() {
        tokensLive(600); // refreshed 2 minutes (20%) before expiry
        ServiceTokenFeature feature = feature(settings(), Propagation.NONE);
        Client client = ClientBuilder.newClient().register(feature);
        try {
            for (int lifetime = 0; lifetime < 3; lifetime++) {
                int before = downstream.seenAuthorizations.size();
                assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
                if (lifetime < 2) {
                    clock.advance(Duration.ofSeconds(500)); // inside the refresh window, still valid
                    assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
                    String used = downstream.seenAuthorizations.get(before + 1);
                    eventually(() -> !feature.tokens().token().value().equals(used.replaceFirst("^Bearer ", "")),
                            "the background refresh");
                }
            }
        } finally {
            client.close();
        }
        assertEquals(3, tokenRequests());
        assertEquals(1, feature.tokenStatistics().callerWaits(), "only the very first call waited for a token");
        assertEquals(new TokenStatistics(3, 0, 1), feature.tokenStatistics());
    }

    @Test
    void withTheProviderDownCallsUseTheCachedTokenUntilItExpiresThenFailFast() {
        tokensLive(600);
        ServiceTokenFeature feature = feature(settings(), Propagation.NONE);
        Client client = ClientBuilder.newClient().register(feature);
        try {
            assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
            idp.shutdown();

            clock.advance(Duration.ofSeconds(500)); // refresh due, provider down: the cached token still serves
            assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
            assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());

            clock.advance(Duration.ofSeconds(101)); // expired, nothing valid left
            long start = System.nanoTime();
            ProcessingException failure = assertThrows(ProcessingException.class,
                    () -> client.target(downstream.uri("/items")).request().get());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Throwable cause = failure instanceof ServiceTokenUnavailableException ? failure : failure.getCause();
            ServiceTokenUnavailableException unavailable = assertInstanceOf(ServiceTokenUnavailableException.class, cause);
            assertTrue(unavailable.getMessage().contains(issuer() + "/token"), unavailable.getMessage());
            assertTrue(millis < 10_000, "failed fast, not after " + millis + " ms");
            assertFalse(unavailable.getMessage().contains(SECRET));
        } finally {
            client.close();
        }
    }

    @Test
    void theUsersContextAndRequestIdArePassedOnUnlessSwitchedOff() {
        tokensLive(3600);
        Propagation serving = new Propagation(Optional.of("eyJ.context.sig"), Optional.of("req-42"));
        Client on = ClientBuilder.newClient().register(feature(settings(), serving));
        Client off = ClientBuilder.newClient().register(feature(settings(
                "edgeauth.client.inventory.propagate-context", "false"), serving));
        try {
            String withContext = on.target(downstream.uri("/items")).request().get(String.class);
            assertTrue(withContext.contains("context=eyJ.context.sig\n"), withContext);
            assertTrue(withContext.contains("requestId=req-42\n"), withContext);
            String without = off.target(downstream.uri("/items")).request().get(String.class);
            assertTrue(without.contains("context=null\n"), without);
        } finally {
            on.close();
            off.close();
        }
    }

    @Test
    void theTokenEndpointCanBeFoundByDiscovery() {
        tokensLive(3600);
        Map<String, String> settings = settings();
        settings.remove("edgeauth.client.inventory.token-endpoint");
        settings.put("edgeauth.client.inventory.issuer", issuer());
        Client client = ClientBuilder.newClient().register(feature(settings, Propagation.NONE));
        try {
            assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
        } finally {
            client.close();
        }
    }

    @Test
    void privateKeyJwtSendsAnAssertionSignedByTheClientKey() throws Exception {
        tokensLive(3600);
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                .keyIDFromThumbprint(true).generate();
        java.nio.file.Path pem = java.nio.file.Files.createTempFile("client", ".pem");
        java.nio.file.Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.toRSAPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Map<String, String> settings = settings("edgeauth.client.inventory.client-auth", "private_key_jwt",
                "edgeauth.client.inventory.client-key", pem.toString());
        settings.remove("edgeauth.client.inventory.client-secret");
        ServiceTokenFeature feature = feature(settings, Propagation.NONE);
        feature.tokens().token();

        RecordedRequest tokenRequest = idp.takeRequest(5, TimeUnit.SECONDS);
        String body = tokenRequest.getBody().readUtf8();
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        com.nimbusds.jwt.SignedJWT assertion = com.nimbusds.jwt.SignedJWT.parse(form.get("client_assertion"));
        assertTrue(assertion.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey())));
        assertEquals("orders-service", assertion.getJWTClaimsSet().getSubject());
        assertEquals(List.of(issuer() + "/token"), assertion.getJWTClaimsSet().getAudience());
        assertFalse(form.containsKey("client_secret"));
    }

    @Test
    void developmentModeIsAnnouncedWithOneWarningNamingTheSetting() {
        feature(settings("edgeauth.client.development", "true"), Propagation.NONE);
        assertEquals(1, logs.stream().filter(line -> line.contains("edgeauth.client.development=true")
                && line.contains("inventory")).count(), logs.toString());
        logs.clear();
        feature(settings(), Propagation.NONE);
        assertTrue(logs.stream().noneMatch(line -> line.contains("development")), logs.toString());
    }

    @Test
    void settingsNeverPrintTheSecret() {
        ClientConfiguration config = ClientConfiguration.read("inventory",
                io.github.edgeauth.core.internal.config.Settings.of(settings(), Map.of()));
        assertFalse(config.toString().contains(SECRET));
    }

    @Test
    void jmxShowsASharedClientsTokenRequestsUntilTheApplicationStops() throws Exception {
        tokensLive(600);
        Map<String, String> settings = settings();
        settings.forEach((key, value) -> System.setProperty(key.replace(".inventory.", ".jmx-inventory."), value));
        Client client = ClientBuilder.newClient().register(new ServiceTokenFeature("jmx-inventory"));
        try {
            assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
            assertEquals(200, client.target(downstream.uri("/items")).request().get().getStatus());
        } finally {
            client.close();
            settings.keySet().forEach(key -> System.clearProperty(key.replace(".inventory.", ".jmx-inventory.")));
        }
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        java.util.Set<javax.management.ObjectName> names = jmx.queryNames(new javax.management.ObjectName(
                "io.github.edgeauth:type=ServiceTokenClient,client=\"jmx-inventory\",*"), null);
        assertEquals(1, names.size(), names.toString());
        javax.management.ObjectName name = names.iterator().next();
        assertEquals(1L, jmx.getAttribute(name, "TokensReceived"));
        assertEquals(0L, jmx.getAttribute(name, "TokenRequestsFailed"));
        assertEquals(1L, jmx.getAttribute(name, "CallerWaits"));
        // docs/operations.md shows the name as registered: an exporter pattern sees this order, quotes included.
        String documented = name.toString().replace("\"jmx-inventory\"", "\"<name>\"")
                .replaceAll("source=\"\\d+\"", "source=\"<n>\"");
        assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "operations.md"))
                .contains("`" + documented + "`"), "docs/operations.md does not show " + documented);

        ServiceTokenFeature.release(); // what ClientLifecycle does when the WAR stops
        assertFalse(jmx.isRegistered(name), "the bean goes with the application");
    }
}
