package io.github.edgeauth.benchmarks.endtoend;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One way of serving the same endpoint: where it is, the header lines its load sends (one per request, in
 * turn), the answer a good request gets (the first line's, and as a Lua pattern every answer under load must
 * match), and a bad header it must refuse with 401 (none for the plain one).
 */
record Variant(String name, String what, URI uri, Path headers, String expectedBody, String bodyPattern,
               Optional<String> badHeader) {
    /** A variant whose every request names the same caller, {@code expectedBody}. */
    Variant(String name, String what, URI uri, Path headers, String expectedBody, Optional<String> badHeader) {
        this(name, what, uri, headers, expectedBody, exactly(expectedBody), badHeader);
    }

    /** A Lua pattern matching {@code text} and nothing else. */
    static String exactly(String text) {
        return "^" + text.replaceAll("([\\^$()%.\\[\\]*+\\-?])", "%$1") + "$";
    }
}
