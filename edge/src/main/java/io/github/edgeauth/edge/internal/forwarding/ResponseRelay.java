package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.internal.routes.Route;
import io.github.edgeauth.edge.internal.session.BackendCookies;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.http.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A backend's answer passed on to the client: its status, its headers but the hop-by-hop ones, its redirects
 * into itself ({@code Location}) and its cookies moved under the route's mount ({@link Route}), never an edge
 * cookie, with {@code nosniff} unless it chose, and its body as it arrives ({@link BodyCopy}). A body that breaks
 * off before any of it went out is refused as the backend's failure ({@link ForwardRefused}: 502 or 504); after
 * that, the client's connection is broken off ({@link ConnectionBreak}, else {@link AnswerCutOff}), never ended
 * as a whole answer.
 */
final class ResponseRelay {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length", ":status");

    private final Set<String> edgeCookies;

    /** @param edgeCookies lower-cased names of the edge's own cookies, which a backend may not set */
    ResponseRelay(Set<String> edgeCookies) {
        this.edgeCookies = Set.copyOf(edgeCookies);
    }

    /**
     * Passes {@code answer}, the backend's for {@code request} on {@code route}, to the client, and ends it: its
     * connection goes back to the pool only when its body was read to the end.
     */
    void relay(ClassicHttpResponse answer, HttpServletRequest request, HttpServletResponse response,
               Route route, String requestId) throws AnswerCutOff, ForwardRefused {
        long length = contentLength(answer);
        AtomicBoolean begun = new AtomicBoolean();
        HttpEntity entity = answer.getEntity();
        try {
            // Never closed here: closing a body part-read would read the rest of it, to keep the connection.
            InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
            BodyCopy.copy(in, () -> {
                begun.set(true);
                head(answer, request, response, route, requestId, length);
                return response.getOutputStream();
            }, length);
        } catch (BodyCopy.ClientGone e) {
            // The client hung up: nobody is left to answer, and nothing to break off.
            LOG.fine(() -> "edgeauth forward ended by the client request_id=" + requestId + " service=" + route.service());
        } catch (IOException e) {
            boolean stalled = e instanceof InterruptedIOException;
            ReasonCode reason = stalled ? ReasonCode.BACKEND_TIMEOUT : ReasonCode.BACKEND_UNAVAILABLE;
            LOG.info(() -> "edgeauth forward cut off request_id=" + requestId + " service=" + route.service()
                    + " reason=" + (stalled ? reason.code() : "connection_closed")
                    + " error=" + e.getClass().getSimpleName());
            if (!begun.get()) {
                // No byte of the body had come, and nothing of the backend's answer was set: the client gets the
                // edge's own answer, not the backend's headers over an empty body.
                throw new ForwardRefused(reason);
            }
            // Part of the body has gone out. Ending the answer here would pass it on as whole, so the
            // connection is broken off instead.
            if (!ConnectionBreak.breakOff(request, response)) {
                throw new AnswerCutOff(requestId);
            }
        } finally {
            // Read to the end, the connection is back in the pool and this does nothing; else it is dropped.
            BackendClient.discard(answer);
        }
    }

    /** The answer's declared length, -1 if it declared none (or one that is no number). */
    private static long contentLength(ClassicHttpResponse answer) {
        Header header = answer.getFirstHeader("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.getValue().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The backend's status and headers on {@code response}, as the class comment says. */
    private void head(ClassicHttpResponse answer, HttpServletRequest request, HttpServletResponse response,
                      Route route, String requestId, long length) {
        response.setStatus(answer.getCode());
        String edgePrefix = request.getContextPath() + route.mount();
        for (Header header : answer.getHeaders()) {
            String name = header.getName();
            String value = header.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_RETURNED.contains(lower) || value == null) {
                continue;
            }
            if (lower.equals("set-cookie")) {
                route.setCookieAtEdge(value, edgePrefix, edgeCookies).ifPresent(cookie -> {
                    response.addHeader(name, cookie);
                    BackendCookies.remember(request, cookie);
                });
            } else if (lower.equals("location") || lower.equals("content-location")) {
                response.addHeader(name, route.locationAtEdge(value, edgePrefix));
            } else {
                response.addHeader(name, value);
            }
        }
        response.setHeader(RequestId.HEADER, requestId);
        if (!answer.containsHeader("X-Content-Type-Options")) {
            // The edge serves every backend from one origin: a response sniffed as script or HTML would run there.
            response.setHeader("X-Content-Type-Options", "nosniff");
        }
        if (length >= 0) {
            response.setContentLengthLong(length);
        }
    }
}
