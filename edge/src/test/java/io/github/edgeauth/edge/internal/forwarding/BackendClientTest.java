package io.github.edgeauth.edge.internal.forwarding;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the edge's forwarding client lets its library log. */
class BackendClientTest {
    @Test
    void itsLibraryNeverLogsForwardedHeadersEvenWhenTheServerIsToldToLogEverything() {
        // An admin's logging configuration asking for every detail of the HTTP client, headers and wire included.
        Logger headers = Logger.getLogger("org.apache.hc.client5.http.headers");
        Logger wire = Logger.getLogger("org.apache.hc.client5.http.wire");
        Logger library = Logger.getLogger("org.apache.hc");
        headers.setLevel(Level.ALL);
        wire.setLevel(Level.ALL);
        library.setLevel(Level.ALL);
        try (BackendClient client = new BackendClient(Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            assertFalse(headers.isLoggable(Level.FINE), "forwarded headers (signed contexts, cookies) would be logged");
            assertFalse(wire.isLoggable(Level.FINE), "forwarded bytes would be logged");
            assertFalse(Logger.getLogger("org.apache.hc.client5.http.impl.classic.MainClientExec").isLoggable(Level.FINE));
            assertTrue(library.isLoggable(Level.WARNING), "its warnings still reach the server's log");
        }
    }
}
