package io.github.edgeauth.client;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.ws.rs.core.MediaType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code reason} member of a refusal's {@code application/problem+json} body (the format edgeauth
 * answers with) without taking the body from the application: only a problem body is read, only up to
 * {@link #MAX_BYTES}, and the stream handed back gives the application every byte, those read here first.
 */
final class ProblemReason {
    /**
     * The largest body read: an edgeauth refusal is a few hundred bytes; anything larger is not one and is
     * left unread.
     */
    static final int MAX_BYTES = 4096;

    private ProblemReason() {
    }

    /**
     * What was found in a body.
     *
     * @param reason the problem body's {@code reason}; empty when the body is not a problem body, is too large,
     *               cannot be read or parsed, or names no reason as a string
     * @param body   the stream to give the application in place of the one read from
     */
    record Peek(Optional<String> reason, InputStream body) {
    }

    /**
     * Looks for the reason in {@code body}.
     *
     * @param type   the body's media type, or null
     * @param length the declared length, or -1 when unknown (chunked)
     */
    static Peek of(MediaType type, int length, InputStream body) {
        if (body == null || !isProblem(type) || length > MAX_BYTES) {
            return new Peek(Optional.empty(), body);
        }
        byte[] read;
        try {
            read = body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            // A broken body says nothing; the application meets the same failure when it reads.
            return new Peek(Optional.empty(), body);
        }
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(read), body);
        if (read.length > MAX_BYTES) {
            return new Peek(Optional.empty(), whole);
        }
        return new Peek(reasonIn(read), whole);
    }

    private static boolean isProblem(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && "problem+json".equalsIgnoreCase(type.getSubtype());
    }

    private static Optional<String> reasonIn(byte[] json) {
        try {
            // RFC 8259: JSON exchanged between systems is UTF-8.
            Map<String, Object> problem = JSONObjectUtils.parse(new String(json, StandardCharsets.UTF_8));
            return problem.get("reason") instanceof String reason ? Optional.of(reason) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
