package io.github.edgeauth.client;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Reading a refusal's reason without taking its body from the application. */
class ProblemReasonTest {
    private static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");
    private static final String CONTEXT_EXPIRED = "{\"type\":\"urn:edgeauth:reason:context_expired\","
            + "\"title\":\"The user context has expired\",\"status\":401,\"reason\":\"context_expired\","
            + "\"requestId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}";

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    @Test
    void theReasonOfAnEdgeauthRefusalIsReadAndTheBodyHandedBackWhole() throws IOException {
        byte[] body = CONTEXT_EXPIRED.getBytes(StandardCharsets.UTF_8);

        ProblemReason.Peek peek = ProblemReason.of(PROBLEM, body.length, stream(body));

        assertEquals(Optional.of("context_expired"), peek.reason());
        assertArrayEquals(body, peek.body().readAllBytes());
    }

    @Test
    void aChunkedProblemBodyWithACharsetIsReadToo() throws IOException {
        byte[] body = CONTEXT_EXPIRED.getBytes(StandardCharsets.UTF_8);

        ProblemReason.Peek peek = ProblemReason.of(MediaType.valueOf("application/problem+json; charset=UTF-8"), -1,
                stream(body));

        assertEquals(Optional.of("context_expired"), peek.reason());
        assertArrayEquals(body, peek.body().readAllBytes());
    }

    @Test
    void aBodyOfAnotherTypeIsNotRead() {
        InputStream body = stream("{\"reason\":\"context_expired\"}".getBytes(StandardCharsets.UTF_8));

        ProblemReason.Peek peek = ProblemReason.of(MediaType.APPLICATION_JSON_TYPE, 28, body);

        assertEquals(Optional.empty(), peek.reason());
        assertSame(body, peek.body());
    }

    @Test
    void aProblemBodyDeclaredLargerThanTheLimitIsNotRead() {
        InputStream body = stream(new byte[ProblemReason.MAX_BYTES + 1]);

        ProblemReason.Peek peek = ProblemReason.of(PROBLEM, ProblemReason.MAX_BYTES + 1, body);

        assertEquals(Optional.empty(), peek.reason());
        assertSame(body, peek.body());
    }

    @Test
    void aChunkedProblemBodyOverTheLimitNamesNoReasonAndReachesTheApplicationWhole() throws IOException {
        String padding = " ".repeat(3 * ProblemReason.MAX_BYTES);
        byte[] body = ("{\"reason\":\"context_expired\"," + padding + "\"status\":401}").getBytes(StandardCharsets.UTF_8);

        ProblemReason.Peek peek = ProblemReason.of(PROBLEM, -1, stream(body));

        assertEquals(Optional.empty(), peek.reason());
        assertArrayEquals(body, peek.body().readAllBytes());
    }

    @Test
    void aProblemBodyThatIsNotJsonOrHasNoStringReasonNamesNone() throws IOException {
        for (String text : new String[] {"not json", "[\"context_expired\"]", "{\"reason\":42}",
                "{\"type\":\"about:blank\",\"status\":401}", ""}) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);

            ProblemReason.Peek peek = ProblemReason.of(PROBLEM, body.length, stream(body));

            assertEquals(Optional.empty(), peek.reason(), text);
            assertArrayEquals(body, peek.body().readAllBytes(), text);
        }
    }
}
