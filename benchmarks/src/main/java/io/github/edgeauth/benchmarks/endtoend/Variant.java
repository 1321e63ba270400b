package io.github.edgeauth.benchmarks.endtoend;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One way of serving the same endpoint: where it is, the header lines its load sends (one per request, in
 * turn), the answer a good request gets, and a bad header it must refuse with 401 (none for the plain one).
 */
record Variant(String name, String what, URI uri, Path headers, String expectedBody, Optional<String> badHeader) {
}
