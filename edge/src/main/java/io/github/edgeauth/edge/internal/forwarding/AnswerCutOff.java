package io.github.edgeauth.edge.internal.forwarding;

import java.io.IOException;

/**
 * Thrown out of the forwarding servlet when a backend's answer broke off after part of its body went to the client
 * and {@link ConnectionBreak} could not break the connection off itself: Jetty (and Tomcat), given an exception on a
 * committed response, break the client's connection off, so the client sees the answer as broken rather than as
 * whole; other containers may still end it. Already logged ({@code edgeauth forward cut off}); carries no stack
 * trace, so the container's log line is one line.
 */
final class AnswerCutOff extends IOException {
    AnswerCutOff(String requestId) {
        super("edgeauth: the backend's answer broke off, request_id=" + requestId);
    }

    /** None: where it is thrown says nothing the log line does not. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
