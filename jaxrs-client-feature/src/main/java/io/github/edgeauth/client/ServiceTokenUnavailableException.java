package io.github.edgeauth.client;

import jakarta.ws.rs.ProcessingException;

import java.net.URI;

/**
 * No valid service token could be had: the token endpoint failed or could not be reached and nothing
 * valid was cached. The message names the token endpoint and the HTTP status (or the connection failure);
 * it never holds a secret or a token.
 */
public final class ServiceTokenUnavailableException extends ProcessingException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ServiceTokenUnavailableException(URI endpoint, int status, String detail) {
        super("edgeauth: no service token from " + endpoint + ": " + (status > 0 ? "HTTP " + status : "")
                + (status > 0 && !detail.isEmpty() ? ", " : "") + detail);
        this.status = status;
    }

    /** The token endpoint's HTTP status, or 0 when it gave none (unreachable, timed out). */
    public int status() {
        return status;
    }
}
