package io.github.edgeauth.edge.internal.forwarding;

import java.io.IOException;

/**
 * Thrown out of the forwarding servlet when a backend's answer broke off after its status went to the client: the
 * container, given an exception on a committed response, breaks the client's connection off (no final chunk, no
 * made-up rest of a declared length), so the client sees the answer as broken rather than as whole. Already
 * logged ({@code edgeauth forward cut off}); carries no stack trace, so the container's log line is one line.
 */
final class AnswerCutOff extends IOException {
    AnswerCutOff(String requestId) {
        super("edgeauth: the backend's answer broke off; the client connection is broken off too, request_id="
                + requestId);
    }

    /** None: where it is thrown says nothing the log line does not. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
