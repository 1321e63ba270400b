package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.edge.internal.keys.SignedContextCache;
import io.github.edgeauth.edge.internal.session.EdgeSession;
import io.github.edgeauth.edge.internal.session.EdgeSessions;
import io.github.edgeauth.edge.internal.routes.Route;
import io.github.edgeauth.edge.internal.web.PublicOrigin;
import io.github.edgeauth.edge.internal.web.RequestScreening;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.http.RequestPath;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

import java.io.IOException;
import java.net.URI;

/**
 * The request a backend gets for a client's: the route's target with the path inside the route (no path
 * parameters, no dot segments), the client's headers as {@link ClientHeaderPolicy} allows, the headers the edge
 * vouches for ({@code X-Forwarded-*}, {@code X-Real-IP}, {@code X-Request-Id}), the signed user context for the
 * route's audience, and the body, streamed.
 */
final class BackendRequest {
    private final ClientHeaderPolicy headers;
    private final PublicOrigin publicOrigin;
    private final SignedContextCache contexts;
    private final String contextHeader;
    private final int contextMaxBytes;

    BackendRequest(EdgeConfiguration config, ClientHeaderPolicy headers, SignedContextCache contexts) {
        this.headers = headers;
        this.publicOrigin = config.publicOrigin();
        this.contexts = contexts;
        this.contextHeader = config.contextHeader();
        this.contextMaxBytes = config.contextMaxBytes();
    }

    /**
     * The backend's request for {@code request}, whose path inside the route is {@code rest}.
     *
     * @throws ForwardRefused when it cannot be made: a path that could climb out of the route on some backend, a
     *                        target that is no URI, an {@code OPTIONS} body of no declared type, or a context
     *                        larger than the budget
     */
    HttpUriRequestBase of(HttpServletRequest request, Route route, String rest, String requestId)
            throws ForwardRefused, IOException {
        HttpUriRequestBase outbound;
        try {
            String path = withoutPathParameters(rest);
            if (RequestPath.hasDotSegment(path)) {
                throw new IllegalArgumentException("dot segment");
            }
            // Sent as ASCII: anything else in the path or query percent-encoded as UTF-8.
            URI target = route.target(path, request.getQueryString());
            String ascii = target.toASCIIString();
            if (!ascii.equals(target.toString())) {
                target = URI.create(ascii);
            }
            outbound = new HttpUriRequestBase(request.getMethod(), target);
        } catch (IllegalArgumentException e) {
            // The client's mistake, answered without naming the backend.
            throw new ForwardRefused(ReasonCode.BAD_TARGET, "service", route.service());
        }
        // Header values were screened on the way in (RequestScreening): no control byte reaches this point.
        headers.copy(request, outbound);
        outbound.setHeader(RequestId.HEADER, requestId);
        // Clients cannot set these: their own values are dropped, the edge is the first proxy backends trust.
        outbound.setHeader("X-Forwarded-For", request.getRemoteAddr());
        outbound.setHeader("X-Forwarded-Proto", publicOrigin.scheme(request));
        outbound.setHeader("X-Forwarded-Host", publicOrigin.authority(request));
        outbound.setHeader("X-Forwarded-Port", String.valueOf(publicOrigin.port(request)));
        outbound.setHeader("X-Real-IP", request.getRemoteAddr());
        UserContext user = UserContext.current(request);
        if (!user.isAnonymous()) {
            outbound.setHeader(contextHeader, context(request, route, user));
        }
        ClientBody body = body(request);
        if (body != null) {
            if ("OPTIONS".equalsIgnoreCase(request.getMethod()) && !outbound.containsHeader("Content-Type")) {
                // RFC 9110 9.3.7: an OPTIONS request with content must say what it is; the HTTP client holds to that.
                throw new ForwardRefused(ReasonCode.BAD_HEADER, "service", route.service());
            }
            body.sentBy(outbound);
            outbound.setEntity(body);
        }
        return outbound;
    }

    /** The signed context for the route; never cut off, and never one the backend's server would refuse. */
    private String context(HttpServletRequest request, Route route, UserContext user) throws ForwardRefused {
        UserContext sent = route.narrow(user);
        String session = request.getAttribute(EdgeSessions.REQUEST_ATTRIBUTE) instanceof EdgeSession edge ? edge.id() : null;
        String context = contexts.contextFor(sent, route.audience(), session);
        if (context.length() > contextMaxBytes) {
            throw new ForwardRefused(ReasonCode.IDENTITY_TOO_LARGE, "service", route.service(),
                    "bytes", String.valueOf(context.length()), "limit", String.valueOf(contextMaxBytes),
                    "roles", String.valueOf(sent.roles().size()));
        }
        return context;
    }

    /**
     * {@code path} without its path parameters ({@code /a;jsessionid=X/b} is {@code /a/b}): a legacy backend
     * that takes a session id from the URL must never be handed one by a client (session fixation), and
     * {@code ;} tricks ({@code ..;/}) must not reach a backend that reads them differently.
     */
    static String withoutPathParameters(String path) {
        if (path.indexOf(';') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        boolean inParameter = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                inParameter = false;
            } else if (c == ';') {
                inParameter = true;
            }
            if (!inParameter) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The client's body, streamed as it is read, with its length when the client gave one (else chunked); none for
     * a request that has neither a length nor {@code Transfer-Encoding}.
     */
    private static ClientBody body(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            return null;
        }
        return new ClientBody(request.getInputStream(), length > 0 ? length : -1);
    }
}
