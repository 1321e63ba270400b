package io.github.edgeauth.core.internal.http;

import io.github.edgeauth.core.ReasonCode;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a refusal: the status of the {@link ReasonCode}, an RFC 6750 {@code WWW-Authenticate} header on 401
 * and 403, and an RFC 9457 {@code application/problem+json} body with the stable {@code reason} and the
 * {@code requestId}. Never echoes the credential. Shared by the filter and the edge.
 */
public final class ProblemResponse {
    /** The media type of every refusal body. */
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String REALM = "edgeauth";

    private ProblemResponse() {
    }

    /** Sends the refusal for {@code reason}; {@code requiredScopes} goes into the header on insufficient_scope. */
    public static void send(HttpServletResponse response, ReasonCode reason, String requestId,
                            Set<String> requiredScopes) throws IOException {
        String connection = response.getHeader("Connection");
        response.resetBuffer();
        response.setStatus(reason.status());
        if (connection != null) {
            response.setHeader("Connection", connection);
        }
        String challenge = challenge(reason, requiredScopes);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(RequestId.HEADER, requestId);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = body(reason, requestId).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        // Closed, not just flushed: the response is complete, so no container (Undertow after a refusal from
        // the authentication mechanism) tries to send an error page of its own on top of it.
        response.getOutputStream().close();
    }

    /**
     * Asks the client not to reuse the connection when the refused request has a body nobody read: the
     * container may close it to skip the unread bytes, and a client that reused it would fail.
     */
    public static void closeIfBodyUnread(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            response.setHeader("Connection", "close");
        }
    }

    /** Sends the refusal for {@code reason}. */
    public static void send(HttpServletResponse response, ReasonCode reason, String requestId) throws IOException {
        send(response, reason, requestId, Set.of());
    }

    /** The {@code WWW-Authenticate} value for {@code reason}, or null when the status takes none. */
    static String challenge(ReasonCode reason, Set<String> requiredScopes) {
        if (reason == ReasonCode.MISSING_CREDENTIALS) {
            // RFC 6750 section 3.1: no error code when the request carried no credentials at all.
            return "Bearer realm=\"" + REALM + "\"";
        }
        if (reason.status() == 401) {
            return "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + reason.code() + "\"";
        }
        if (reason == ReasonCode.INSUFFICIENT_SCOPE || reason == ReasonCode.INSUFFICIENT_ROLE) {
            String scope = requiredScopes.isEmpty() ? "" : ", scope=\"" + String.join(" ", requiredScopes) + "\"";
            return "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", error_description=\""
                    + reason.code() + "\"" + scope;
        }
        return null;
    }

    static String body(ReasonCode reason, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:edgeauth:reason:" + reason.code());
        body.put("title", reason.title());
        body.put("status", reason.status());
        body.put("reason", reason.code());
        body.put("requestId", requestId);
        return JSONObjectUtils.toJSONString(body);
    }
}
