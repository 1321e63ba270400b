package io.github.edgeauth.client;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.testing.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a downstream 401 gets the client a new token and a second try: only when the refusal blames the
 * service token. On a real JAX-RS client (Jersey), a real OIDC server and a real downstream, all on loopback;
 * token requests are counted at the server.
 */
class ServiceTokenRetryTest {
    private static final Propagation ALICE = new Propagation(Optional.of("alice-context"), Optional.of("req-1"));

    private TokenProvider provider;
    private Downstream downstream;
    private Client client;
    private ServiceTokenFeature feature;

    @BeforeEach
    void start() throws Exception {
        provider = new TokenProvider();
        provider.tokensLive(3600);
        downstream = new Downstream();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        downstream.close();
        provider.close();
    }

    /** A client whose calls carry {@code propagation}'s user context; its first token is already fetched. */
    private String clientServing(Propagation propagation) {
        feature = ServiceTokenFeature.of("inventory", provider.clientSettings(downstream.uri("/")),
                () -> propagation, new MutableClock());
        client = ClientBuilder.newClient().register(feature);
        return feature.tokens().token().value();
    }

    private void assertOneNewTokenAndOneRetry(Response response) {
        assertEquals(200, response.getStatus());
        assertTrue(response.readEntity(String.class).startsWith("context="));
        assertEquals(2, downstream.calls.get(), "one call, one retry");
        assertNotEquals(downstream.seenAuthorizations.get(0), downstream.seenAuthorizations.get(1));
        assertEquals(2, provider.tokenRequests());
    }

    private void assertNoNewTokenAndNoRetry(String token) {
        assertEquals(1, downstream.calls.get(), "no retry");
        assertEquals(1, provider.tokenRequests(), "no new token");
        assertEquals(token, feature.tokens().token().value(), "the token was kept");
    }

    @Test
    void aRefusedUserContextCostsNoNewTokenAndNoRetryAndTheCallerGetsTheRefusalWhole() {
        String token = clientServing(ALICE);
        Downstream.Refusal refusal = Downstream.Refusal.edgeauth(ReasonCode.CONTEXT_EXPIRED);
        downstream.refuseEvery = refusal;

        Response response = client.target(downstream.uri("/items")).request().get();

        assertEquals(401, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(response.getHeaderString("WWW-Authenticate").contains("context_expired"));
        assertEquals(refusal.body(), response.readEntity(String.class));
        assertNoNewTokenAndNoRetry(token);
    }

    @Test
    void aBadSignatureWhileAUserContextWasSentIsNotBlamedOnTheServiceToken() {
        String token = clientServing(ALICE);
        downstream.refuseEvery = Downstream.Refusal.edgeauth(ReasonCode.BAD_SIGNATURE);

        Response response = client.target(downstream.uri("/items")).request().post(Entity.json("{\"item\":1}"));

        assertEquals(401, response.getStatus());
        assertTrue(response.readEntity(String.class).contains("\"reason\":\"bad_signature\""));
        assertNoNewTokenAndNoRetry(token);
    }

    @Test
    void aBackendThatTakesNoServiceTokensCostsNoNewTokenAndNoRetry() {
        String token = clientServing(Propagation.NONE);
        downstream.refuseEvery = Downstream.Refusal.edgeauth(ReasonCode.SERVICE_TOKENS_DISABLED);

        assertEquals(401, client.target(downstream.uri("/items")).request().get().getStatus());
        assertNoNewTokenAndNoRetry(token);
    }

    @Test
    void anExpiredServiceTokenGetsOneNewTokenAndOneRetryEvenWithAUserContext() {
        downstream.revoked.add(clientServing(ALICE));
        downstream.revokedAnswer = Downstream.Refusal.edgeauth(ReasonCode.TOKEN_EXPIRED);

        assertOneNewTokenAndOneRetry(client.target(downstream.uri("/items")).request().get());
        assertEquals("alice-context", downstream.seenContexts.get(1), "the retry carries the user context too");
    }

    @Test
    void aBadSignatureWithoutAUserContextGetsOneNewTokenAndOneRetry() {
        downstream.revoked.add(clientServing(Propagation.NONE));
        downstream.revokedAnswer = Downstream.Refusal.edgeauth(ReasonCode.BAD_SIGNATURE);

        assertOneNewTokenAndOneRetry(client.target(downstream.uri("/items")).request().get());
    }

    @Test
    void aPlain401InvalidTokenWithoutAProblemBodyGetsOneNewTokenAndOneRetry() {
        downstream.revoked.add(clientServing(ALICE));

        assertOneNewTokenAndOneRetry(client.target(downstream.uri("/items")).request().post(Entity.json("{\"item\":1}")));
    }

    @Test
    void anotherServersErrorPageIsLeftUnreadAndStillGetsOneRetry() {
        downstream.revoked.add(clientServing(ALICE));
        downstream.revokedAnswer = new Downstream.Refusal("The access token expired", "text/html",
                "<html><body>Unauthorized</body></html>");

        assertOneNewTokenAndOneRetry(client.target(downstream.uri("/items")).request().get());
    }

    @Test
    void anotherServersProblemBodyWithoutAReasonStillGetsOneRetry() {
        downstream.revoked.add(clientServing(ALICE));
        downstream.revokedAnswer = new Downstream.Refusal("The access token expired", "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");

        assertOneNewTokenAndOneRetry(client.target(downstream.uri("/items")).request().get());
    }

    @Test
    void aOneShotStreamBodyIsNotRetried() {
        downstream.revoked.add(clientServing(Propagation.NONE));

        Response response = client.target(downstream.uri("/upload")).request()
                .post(Entity.entity(new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/octet-stream"));

        assertEquals(401, response.getStatus());
        assertEquals(1, downstream.calls.get());
    }

    @Test
    void a401FromAnUnboundHostNeitherDropsTheTokenNorRetries() throws Exception {
        String token = clientServing(Propagation.NONE);
        try (Downstream hostile = new Downstream()) {
            hostile.revoked.add(""); // answers 401 invalid_token to a request without a token
            assertEquals(401, client.target(hostile.uri("/x")).request().get().getStatus());
            assertEquals(1, hostile.calls.get(), "no retry");
            assertEquals(token, feature.tokens().token().value());
            assertEquals(1, provider.tokenRequests());
        }
    }
}
