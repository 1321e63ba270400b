package io.github.edgeauth.core.internal.http;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdTest {
    @Test
    void aNewIdIsARandomUuidAndNeverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestId.of(null, null);
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertTrue(seen.add(id), id);
        }
    }

    @Test
    void theCallersIdOrTraceIdWins() {
        assertEquals("abc-123", RequestId.of("abc-123", null));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736",
                RequestId.of("bad id!", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }
}
