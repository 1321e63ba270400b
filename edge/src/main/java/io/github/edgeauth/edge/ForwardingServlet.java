package io.github.edgeauth.edge;

import io.github.edgeauth.core.http.OwnedHttpClient;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.http.ProblemResponse;
import io.github.edgeauth.core.http.RejectionLog;
import io.github.edgeauth.core.http.RequestId;
import io.github.edgeauth.core.http.RequestPath;
import io.github.edgeauth.core.metrics.ManagedBeans;
import io.github.edgeauth.core.metrics.ServerMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * The reverse proxy: a route's mount ({@code /orders/**}) goes to its backend with the signed user context,
 * {@code X-Forwarded-For/Proto/Host/Port}, {@code X-Real-IP} and {@code X-Request-Id} (a client's own values of
 * these and of other proxy-trust headers are dropped), bodies streamed both ways, hop-by-hop headers dropped,
 * and the backend's {@code Location} and cookies scoped under the route's mount (unchanged when it is served at
 * its own path).
 * A dead backend answers 502, a slow one 504, both as problem+json. Uses the JDK's pooled {@link HttpClient}.
 */
final class ForwardingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    /** Headers some frameworks read as the request's real method. */
    private static final Set<String> METHOD_OVERRIDES = Set.of("X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length", ":status");

    /** The routes by mount: the servlet path under which the container found this servlet. */
    private final transient Map<String, Route> routes;
    private final transient ClientHeaderPolicy headers;
    private final transient PublicOrigin publicOrigin;
    private final transient SignedContextCache issuer;
    private final String contextHeader;
    private final java.time.Duration responseTimeout;
    private final int contextMaxBytes;
    private final transient OwnedHttpClient client;
    private final transient ForwardingMetrics metrics = new ForwardingMetrics();
    private transient ServerMetrics published = ServerMetrics.none();
    /** The edge's own cookie names, lower case; read once, at init, from the session cookie's configuration. */
    private transient Set<String> edgeCookies = Set.of();
    private transient Optional<ObjectName> statistics = Optional.empty();
    /**
     * Watches bodies in transit for stalls; one daemon thread, stopped with the servlet. A finished copy's
     * watch is removed from the queue at once, so busy routes do not pile up cancelled watches.
     */
    private final transient ScheduledThreadPoolExecutor watchdog = watchdog();

    ForwardingServlet(EdgeConfiguration config, SignedContextCache issuer) {
        this.routes = config.routes().values().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Route::mount, route -> route));
        this.headers = new ClientHeaderPolicy(config.stripHeaders());
        this.publicOrigin = config.publicOrigin();
        this.issuer = issuer;
        this.contextHeader = config.contextHeader();
        this.responseTimeout = config.responseTimeout();
        this.contextMaxBytes = config.contextMaxBytes();
        this.client = OwnedHttpClient.build(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER));
    }

    /** Shows the forwarding numbers in JMX, and in the server's MicroProfile Metrics, while the edge runs. */
    @Override
    public void init() {
        String path = getServletContext().getContextPath();
        statistics = ManagedBeans.register("EdgeForwarding", Map.of("application", path.isEmpty() ? "/" : path), metrics);
        published = ServerMetrics.forServer(Map.of("application", path.isEmpty() ? "/" : path));
        metrics.publishTo(published);
        edgeCookies = edgeCookieNames(getServletContext().getSessionCookieConfig().getName());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        String requestId = RequestId.of(request);
        Route route = routes.get(request.getServletPath());
        if (route == null) {
            refuse(request, response, ReasonCode.UNKNOWN_ROUTE, requestId);
            return;
        }
        String inContext = request.getRequestURI().substring(request.getContextPath().length());
        if (!inContext.equals(route.mount()) && !inContext.startsWith(route.mount() + "/")) {
            // The mount spelt with percent-encoding: the container decoded it to find the route, the edge never does.
            refuse(request, response, ReasonCode.BAD_TARGET, requestId);
            return;
        }
        if (!allowedByRules(request, response, route, requestId)) {
            return;
        }
        if (webSocketHandshake(request)) {
            RejectionLog.log(LOG, ReasonCode.WEBSOCKET_NOT_SUPPORTED, request, requestId, "service", route.service());
            refuse(request, response, ReasonCode.WEBSOCKET_NOT_SUPPORTED, requestId);
            return;
        }
        try {
            forward(request, response, requestId, route, inContext.substring(route.mount().length()));
        } finally {
            metrics.record(route.service(), response.getStatus(), System.nanoTime() - start);
        }
    }

    /**
     * Whether the route's rules at the edge let the caller in; if not, answers 403 {@code insufficient_role}: a
     * readable page to a browser's page navigation, problem+json to anything else. Matched on the canonical path
     * inside the route, as the backend will read it.
     */
    private boolean allowedByRules(HttpServletRequest request, HttpServletResponse response, Route route,
                                   String requestId) throws IOException {
        if (route.rules().entries().isEmpty()) {
            return true;
        }
        String path = RequestPath.inApplication(request).orElse(null);
        if (path == null) {
            refuse(request, response, ReasonCode.BAD_TARGET, requestId);
            return false;
        }
        String inRoute = path.length() <= route.mount().length() ? "/" : path.substring(route.mount().length());
        UserContext user = UserContext.current(request);
        // The method a backend may act on: the request's, and any a method-override header names (Jersey's
        // filter, Spring's and others honour them), each checked.
        Set<String> methods = new HashSet<>(Set.of(request.getMethod()));
        for (String override : METHOD_OVERRIDES) {
            Collections.list(request.getHeaders(override)).forEach(value -> methods.add(value.trim()));
        }
        // A _method in the query (never the body, which must reach the backend unread).
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        for (String pair : query.split("&")) {
            if (pair.regionMatches(true, 0, "_method=", 0, 8)) {
                try {
                    methods.add(java.net.URLDecoder.decode(pair.substring(8), java.nio.charset.StandardCharsets.UTF_8)
                            .trim());
                } catch (IllegalArgumentException undecodable) {
                    methods.add(pair.substring(8)); // checked as sent: a rule for no such method does not apply
                }
            }
        }
        boolean allowed = methods.stream().allMatch(method -> route.rules().required(method, inRoute)
                .map(needed -> needed.stream().anyMatch(user::hasRole)).orElse(true));
        if (allowed) {
            return true;
        }
        RejectionLog.log(LOG, ReasonCode.INSUFFICIENT_ROLE, request, requestId, "service", route.service(),
                "subject", user.isAnonymous() ? null : user.subject());
        if (EdgeAuthentication.pageNavigation(request)) {
            metrics.rejectionCounts().count(ReasonCode.INSUFFICIENT_ROLE);
            ProblemResponse.closeIfBodyUnread(request, response);
            ErrorPages.forbidden(response, requestId);
        } else {
            refuse(request, response, ReasonCode.INSUFFICIENT_ROLE, requestId);
        }
        return false;
    }

    /**
     * Whether the client asks to upgrade to a WebSocket: refused clearly, where a plain forward would leave the
     * backend a handshake without its {@code Upgrade} (a hop-by-hop header) and the client an unexplained failure.
     * Other upgrades ({@code h2c}, which curl offers on plain http) are ignored, as a server may.
     */
    private static boolean webSocketHandshake(HttpServletRequest request) {
        for (String value : Collections.list(request.getHeaders("Upgrade"))) {
            for (String token : value.split(",")) {
                if (token.trim().toLowerCase(Locale.ROOT).startsWith("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ReasonCode reason, String requestId)
            throws IOException {
        metrics.rejectionCounts().count(reason);
        ProblemResponse.closeIfBodyUnread(request, response);
        ProblemResponse.send(response, reason, requestId);
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, String requestId, Route route,
                         String rest) throws IOException {
        HttpRequest.Builder outbound;
        try {
            rest = withoutPathParameters(rest);
            if (RequestPath.hasDotSegment(rest)) {
                throw new IllegalArgumentException("dot segment");
            }
            outbound = HttpRequest.newBuilder(route.target(rest, request.getQueryString())).timeout(responseTimeout);
        } catch (IllegalArgumentException e) {
            // A path that could climb out of the route on some backend, or a query or header the HTTP client
            // refuses to send: the client's mistake, answered without naming the backend.
            RejectionLog.log(LOG, ReasonCode.BAD_TARGET, request, requestId, "service", route.service());
            refuse(request, response, ReasonCode.BAD_TARGET, requestId);
            return;
        }
        try {
            copyRequestHeaders(request, outbound, headers, edgeCookies);
        } catch (IllegalArgumentException e) {
            // A header value the HTTP client refuses to send (RequestScreening lets through what it cannot judge).
            RejectionLog.log(LOG, ReasonCode.BAD_HEADER, request, requestId, "service", route.service());
            refuse(request, response, ReasonCode.BAD_HEADER, requestId);
            return;
        }
        outbound.setHeader(RequestId.HEADER, requestId);
        outbound.setHeader("X-Forwarded-For", forwardedFor(request));
        outbound.setHeader("X-Forwarded-Proto", publicOrigin.scheme(request));
        outbound.setHeader("X-Forwarded-Host", publicOrigin.authority(request));
        outbound.setHeader("X-Forwarded-Port", String.valueOf(publicOrigin.port(request)));
        outbound.setHeader("X-Real-IP", request.getRemoteAddr());
        UserContext user = UserContext.current(request);
        if (!user.isAnonymous()) {
            UserContext sent = route.narrow(user);
            String context = issuer.contextFor(sent, route.audience(), route.contextSlot(),
                    request.getSession(false));
            if (context.length() > contextMaxBytes) {
                // Never cut off, and never sent where the backend's server would refuse the whole request.
                RejectionLog.log(LOG, ReasonCode.IDENTITY_TOO_LARGE, request, requestId, "service", route.service(),
                        "bytes", String.valueOf(context.length()), "limit", String.valueOf(contextMaxBytes),
                        "roles", String.valueOf(sent.roles().size()));
                refuse(request, response, ReasonCode.IDENTITY_TOO_LARGE, requestId);
                return;
            }
            outbound.setHeader(contextHeader, context);
        }
        outbound.method(request.getMethod(), body(request));

        HttpResponse<InputStream> answer;
        try {
            answer = client.send(outbound.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            logFailure(ReasonCode.BACKEND_TIMEOUT, requestId, route, e);
            refuse(request, response, ReasonCode.BACKEND_TIMEOUT, requestId);
            return;
        } catch (ConnectException e) {
            logFailure(ReasonCode.BACKEND_UNAVAILABLE, requestId, route, e);
            refuse(request, response, ReasonCode.BACKEND_UNAVAILABLE, requestId);
            return;
        } catch (IOException e) {
            logFailure(ReasonCode.BACKEND_UNAVAILABLE, requestId, route, e);
            refuse(request, response, ReasonCode.BACKEND_UNAVAILABLE, requestId);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(request, response, ReasonCode.BACKEND_UNAVAILABLE, requestId);
            return;
        } catch (IllegalArgumentException e) {
            refuse(request, response, ReasonCode.BAD_TARGET, requestId);
            return;
        }
        response.setStatus(answer.statusCode());
        String edgePrefix = request.getContextPath() + route.mount();
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_RETURNED.contains(lower)) {
                return;
            }
            for (String value : values) {
                if (lower.equals("set-cookie")) {
                    route.setCookieAtEdge(value, edgePrefix, edgeCookies).ifPresent(c -> {
                        response.addHeader(name, c);
                        BackendCookies.remember(request, c);
                    });
                    continue;
                }
                response.addHeader(name, switch (lower) {
                    case "location", "content-location" -> route.locationAtEdge(value, edgePrefix);
                    default -> value;
                });
            }
        });
        response.setHeader(RequestId.HEADER, requestId);
        if (answer.headers().firstValue("X-Content-Type-Options").isEmpty()) {
            // The edge serves every backend from one origin: a response sniffed as script or HTML would run there.
            response.setHeader("X-Content-Type-Options", "nosniff");
        }
        answer.headers().firstValueAsLong("content-length").ifPresent(response::setContentLengthLong);
        AtomicBoolean stalled = new AtomicBoolean();
        try (InputStream in = answer.body(); OutputStream out = response.getOutputStream()) {
            copyWithIdleTimeout(in, out, stalled);
        } catch (IOException e) {
            // The backend stalled past the timeout, or either side hung up mid-body: the answer is cut off.
            LOG.info(() -> "edgeauth forward cut off request_id=" + requestId + " service=" + route.service()
                    + (stalled.get() ? " reason=" + ReasonCode.BACKEND_TIMEOUT.code() : " reason=connection_closed")
                    + " error=" + e.getClass().getSimpleName());
        }
    }

    /**
     * Copies the backend's body as it arrives, unbuffered, closing it when no byte arrived for the response
     * timeout: the client's timeout covers only the headers, and a backend that stalls mid-body must not hold a
     * container thread forever. So a stream that sends an event now and then must send one within the timeout.
     */
    private void copyWithIdleTimeout(InputStream in, OutputStream out, AtomicBoolean stalled) throws IOException {
        long idleNanos = responseTimeout.toNanos();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long period = Math.max(50, responseTimeout.toMillis() / 4);
        ScheduledFuture<?> watch = watchdog.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastProgress.get() > idleNanos) {
                stalled.set(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                if (in.available() == 0) {
                    // Nothing more has arrived: send what has, not hold it (Server-Sent Events, a slow download).
                    out.flush();
                }
                lastProgress.set(System.nanoTime());
            }
        } finally {
            watch.cancel(false);
        }
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
        client.close();
        ManagedBeans.unregister(statistics);
        published.close();
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "edgeauth-forward-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
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

    private static void copyRequestHeaders(HttpServletRequest request, HttpRequest.Builder outbound,
                                           ClientHeaderPolicy policy, Set<String> edgeCookies) {
        Set<String> connectionTokens = new HashSet<>();
        for (String value : Collections.list(request.getHeaders("Connection"))) {
            for (String token : value.split(",")) {
                connectionTokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!policy.forwards(name) || connectionTokens.contains(lower)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                if (lower.equals("cookie")) {
                    value = withoutEdgeCookies(value, edgeCookies);
                    if (value.isEmpty()) {
                        continue;
                    }
                }
                outbound.header(name, value);
            }
        }
    }

    /**
     * The names, in lower case, of the edge's own cookies, which backends never see nor set: its session cookie,
     * the session version and single sign-on cookies Payara and Tomcat add beside it, and the sign-in cookies.
     */
    private static Set<String> edgeCookieNames(String name) {
        String session = (name == null ? "JSESSIONID" : name).toLowerCase(Locale.ROOT);
        Set<String> names = new HashSet<>(java.util.List.of(session, session + "version", "jsessionidversion",
                "jsessionidsso"));
        PendingLoginCookie.NAMES.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(names);
    }

    /** The cookie header without the edge's own cookies, which backends must never see. */
    private static String withoutEdgeCookies(String header, Set<String> edgeCookies) {
        StringBuilder kept = new StringBuilder();
        for (String cookie : header.split(";")) {
            String trimmed = cookie.trim();
            int eq = trimmed.indexOf('=');
            String name = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty() && !edgeCookies.contains(name)) {
                if (!kept.isEmpty()) {
                    kept.append("; ");
                }
                kept.append(trimmed);
            }
        }
        return kept.toString();
    }

    private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static String forwardedFor(HttpServletRequest request) {
        // Clients cannot set this: an inbound X-Forwarded-For is dropped, the edge is the first proxy it trusts.
        return request.getRemoteAddr();
    }

    private static void logFailure(ReasonCode reason, String requestId, Route route, Exception e) {
        LOG.warning(() -> "edgeauth forward failed reason=" + reason.code() + " request_id=" + requestId
                + " service=" + route.service() + " backend=" + route.base() + " error=" + e.getClass().getSimpleName());
    }
}
