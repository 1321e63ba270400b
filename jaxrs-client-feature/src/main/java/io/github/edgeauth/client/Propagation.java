package io.github.edgeauth.client;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.RequestId;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a downstream call passes on from the request being served: the verified context header value and the
 * request id. By default read from the current servlet request through CDI (as in a Jakarta EE server);
 * outside a server there is none, and nothing is passed on.
 *
 * @param contextToken the verified context header value, when the current request had one
 */
record Propagation(Optional<String> contextToken, Optional<String> requestId) {

    static final Propagation NONE = new Propagation(Optional.empty(), Optional.empty());

    /** The current servlet request's context and id, or {@link #NONE}. */
    static Supplier<Propagation> fromCurrentRequest() {
        return () -> {
            try {
                HttpServletRequest request = CDI.current().select(HttpServletRequest.class).get();
                return new Propagation(
                        Optional.ofNullable((String) request.getAttribute(UserContext.TOKEN_ATTRIBUTE)),
                        Optional.ofNullable((String) request.getAttribute(RequestId.ATTRIBUTE)));
            } catch (RuntimeException | LinkageError noCdiOrNoRequest) {
                return NONE;
            }
        };
    }
}
