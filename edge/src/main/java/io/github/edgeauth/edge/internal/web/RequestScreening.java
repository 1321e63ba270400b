package io.github.edgeauth.edge.internal.web;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.http.ProblemResponse;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.http.RequestPath;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The edge's first look at a request, before anything trusts it: a method the edge never forwards gets 405
 * ({@code TRACE} would reflect the signed user context to a page's script; {@code CONNECT} is not for a
 * reverse proxy), and a header whose value holds control bytes, or a {@code Host} that is not a host name,
 * gets 400; a method that writes, sent to one of the edge's own pages rather than a route, gets 405. Each as
 * problem+json, never a 5xx.
 */
public final class RequestScreening implements Filter {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    /** Methods never taken: TRACK is IIS's spelling of TRACE. */
    private static final Set<String> REFUSED_METHODS = Set.of("TRACE", "TRACK", "CONNECT");
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    /** RFC 9110 5.6.2 token: what a method name is made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");
    /** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
    static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(:[0-9]{1,5})?");

    /** The methods that only read, taken on every path. */
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");
    static final String READING_METHODS = "GET, HEAD, OPTIONS";

    private final RejectionCounts refusals;
    private final Set<String> writablePaths;
    private final Set<String> mounts;

    /**
     * @param mounts         where the routes are served (the forwarding servlet's paths), which take every method
     * @param writablePaths  the edge's own paths that take a POST too (logout, back-channel logout, callback)
     */
    public RequestScreening(RejectionCounts refusals, Set<String> mounts, Set<String> writablePaths) {
        this.refusals = refusals;
        this.mounts = Set.copyOf(mounts);
        this.writablePaths = Set.copyOf(writablePaths);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String method = request.getMethod();
        if (REFUSED_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT)) || !TOKEN.matcher(method).matches()) {
            response.setHeader("Allow", ALLOWED_METHODS);
            refuse(request, response, ReasonCode.METHOD_NOT_ALLOWED);
            return;
        }
        Optional<String> path = RequestPath.inApplication(request);
        if (path.isEmpty() || RequestPath.hasDotSegment(request.getRequestURI())) {
            // A dot segment in any spelling (%2e%2e, ..;): the container resolves it before choosing a route, so a
            // path could climb out of one route into another, or onto the edge's own pages.
            refuse(request, response, ReasonCode.BAD_TARGET);
            return;
        }
        boolean ownPost = method.equals("POST") && writablePaths.contains(path.get());
        if (!READING.contains(method) && !ownPost && !mounts.contains(request.getServletPath())) {
            // The edge's own pages read, and a few take a POST: anything else would get the container's 501.
            response.setHeader("Allow", writablePaths.contains(path.get()) ? READING_METHODS + ", POST" : READING_METHODS);
            refuse(request, response, ReasonCode.METHOD_NOT_ALLOWED);
            return;
        }
        String host = request.getHeader("Host");
        if (host != null && !HOST.matcher(host).matches() || !headerBytesValid(request)) {
            refuse(request, response, ReasonCode.BAD_HEADER);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether every header value is free of control bytes (HTAB aside), which no proxy should pass on. */
    static boolean headerBytesValid(HttpServletRequest request) {
        Enumeration<String> names = request.getHeaderNames();
        if (names == null) {
            return true;
        }
        for (String name : Collections.list(names)) {
            for (String value : Collections.list(request.getHeaders(name))) {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ReasonCode reason) throws IOException {
        String requestId = RequestId.of(request);
        refusals.count(reason);
        RejectionLog.log(LOG, reason, request, requestId);
        ProblemResponse.closeIfBodyUnread(request, response);
        ProblemResponse.send(response, reason, requestId);
    }
}
