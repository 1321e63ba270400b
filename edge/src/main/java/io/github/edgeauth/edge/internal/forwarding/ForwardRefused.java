package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.core.ReasonCode;

/**
 * Why a client's request could not be forwarded: its reason code, and the extra fields of its log line (name,
 * value, ...; a null value is written as {@code -}; none when the refusal is not logged). No stack trace: it is an
 * answer, not an error.
 */
final class ForwardRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ReasonCode reason;
    private final transient String[] logFields;

    ForwardRefused(ReasonCode reason, String... logFields) {
        super(reason.code(), null, false, false);
        this.reason = reason;
        this.logFields = logFields.clone();
    }

    ReasonCode reason() {
        return reason;
    }

    /** Whether the refusal is logged; the fields of its line follow the request's own. */
    boolean logged() {
        return logFields.length > 0;
    }

    String[] logFields() {
        return logFields.clone();
    }
}
