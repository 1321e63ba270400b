package io.github.edgeauth.core.internal.http;

import io.github.edgeauth.core.ReasonCode;
import jakarta.servlet.http.HttpServletRequest;

import java.util.logging.Logger;

/**
 * The one log line per refused request, the same in the filter and the edge:
 * {@code edgeauth rejected reason=... status=... request_id=... remote=... method=... path=...} and then
 * what the caller adds ({@code kid}, {@code subject}, ...). Every value is cleaned for a one-line log, and
 * a credential is never passed in.
 */
public final class RejectionLog {
    private RejectionLog() {
    }

    /**
     * Logs the refusal of {@code request} at INFO.
     *
     * @param details pairs of key and value, such as {@code "kid", kid}; a null value is written as {@code -}
     */
    public static void log(Logger logger, ReasonCode reason, HttpServletRequest request, String requestId,
                           String... details) {
        logger.info(() -> line(reason, request, requestId, details));
    }

    static String line(ReasonCode reason, HttpServletRequest request, String requestId, String... details) {
        StringBuilder line = new StringBuilder("edgeauth rejected reason=").append(reason.code())
                .append(" status=").append(reason.status())
                .append(" request_id=").append(LogSafe.clean(requestId))
                .append(" remote=").append(LogSafe.clean(request.getRemoteAddr()))
                .append(" method=").append(LogSafe.clean(request.getMethod()))
                .append(" path=").append(LogSafe.clean(request.getRequestURI()));
        for (int i = 0; i + 1 < details.length; i += 2) {
            line.append(' ').append(details[i]).append('=').append(LogSafe.clean(details[i + 1]));
        }
        return line.toString();
    }
}
