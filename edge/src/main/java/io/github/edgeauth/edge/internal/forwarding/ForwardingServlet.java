package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.edge.internal.keys.SignedContextCache;
import io.github.edgeauth.edge.internal.routes.Route;
import io.github.edgeauth.edge.internal.web.BrowserRequests;
import io.github.edgeauth.edge.internal.web.ErrorPages;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.ProblemResponse;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.metrics.ManagedBeans;
import io.github.edgeauth.core.internal.metrics.ServerMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.management.ObjectName;

/**
 * The reverse proxy: a route's mount ({@code /orders/**}) goes to its backend. It finds the route, lets
 * {@link RouteAdmission} say whether the request may go there, has {@link BackendRequest} make the backend's
 * request, sends it with the pooled {@link BackendClient}, and has {@link ResponseRelay} pass the answer on. A
 * dead backend answers 502, a slow one 504, every refusal problem+json (a readable page for a browser refused by a
 * route's rules); each is counted by route and status ({@link ForwardingMetrics}).
 */
public final class ForwardingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    /** The routes by mount: the servlet path under which the container found this servlet. */
    private final transient Map<String, Route> routes;
    private final transient EdgeConfiguration config;
    private final transient SignedContextCache contexts;
    private final transient BackendClient client;
    private final transient ForwardingMetrics metrics = new ForwardingMetrics();
    private transient BackendRequest backendRequests;
    private transient ResponseRelay relay;
    private transient ServerMetrics published = ServerMetrics.none();
    private transient Optional<ObjectName> statistics = Optional.empty();

    public ForwardingServlet(EdgeConfiguration config, SignedContextCache contexts) {
        this.routes = config.routes().values().stream().collect(Collectors.toUnmodifiableMap(Route::mount, r -> r));
        this.config = config;
        this.contexts = contexts;
        this.client = new BackendClient(config.connectTimeout(), config.responseTimeout());
    }

    /**
     * Learns the edge's own cookie names, once, from the session cookie's configuration; shows the forwarding
     * numbers in JMX, and in the server's MicroProfile Metrics, while the edge runs.
     */
    @Override
    public void init() {
        ClientHeaderPolicy headers = new ClientHeaderPolicy(config.stripHeaders(),
                ClientHeaderPolicy.edgeCookieNames(getServletContext().getSessionCookieConfig().getName()));
        backendRequests = new BackendRequest(config, headers, contexts);
        relay = new ResponseRelay(headers.edgeCookies());
        String path = getServletContext().getContextPath();
        statistics = ManagedBeans.register("EdgeForwarding", Map.of("application", path.isEmpty() ? "/" : path), metrics);
        published = ServerMetrics.forServer(Map.of("application", path.isEmpty() ? "/" : path));
        metrics.publishTo(published);
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
        try {
            admit(request, route, inContext); // refused here: counted by reason, not in the route's forwards
        } catch (ForwardRefused refused) {
            answer(request, response, refused, requestId);
            return;
        }
        try {
            forward(request, response, route, inContext, requestId);
        } catch (ForwardRefused refused) {
            answer(request, response, refused, requestId);
        } finally {
            metrics.record(route.service(), response.getStatus(), System.nanoTime() - start);
        }
    }

    /** Logs (where it is logged), counts and answers a refusal: a readable page for a browser refused by rules. */
    private void answer(HttpServletRequest request, HttpServletResponse response, ForwardRefused refused,
                        String requestId) throws IOException {
        if (refused.logged()) {
            RejectionLog.log(LOG, refused.reason(), request, requestId, refused.logFields());
        }
        if (refused.reason() == ReasonCode.INSUFFICIENT_ROLE && BrowserRequests.pageNavigation(request)) {
            metrics.rejectionCounts().count(refused.reason());
            ProblemResponse.closeIfBodyUnread(request, response);
            ErrorPages.forbidden(response, requestId);
        } else {
            refuse(request, response, refused.reason(), requestId);
        }
    }

    /** Whether the request may go to its route at all: the mount as the container matched it, and the route's rules. */
    private static void admit(HttpServletRequest request, Route route, String inContext) throws ForwardRefused {
        if (!inContext.equals(route.mount()) && !inContext.startsWith(route.mount() + "/")) {
            // The mount spelt with percent-encoding: the container decoded it to find the route, the edge never does.
            throw new ForwardRefused(ReasonCode.BAD_TARGET);
        }
        Optional<ReasonCode> refusal = RouteAdmission.refusal(request, route);
        if (refusal.isPresent()) {
            UserContext user = UserContext.current(request);
            throw switch (refusal.get()) {
                case INSUFFICIENT_ROLE -> new ForwardRefused(refusal.get(), "service", route.service(),
                        "subject", user.isAnonymous() ? null : user.subject());
                case WEBSOCKET_NOT_SUPPORTED -> new ForwardRefused(refusal.get(), "service", route.service());
                default -> new ForwardRefused(refusal.get());
            };
        }
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, Route route, String inContext,
                         String requestId) throws ForwardRefused, AnswerCutOff {
        String rest = inContext.substring(route.mount().length());
        ClassicHttpResponse answer;
        try {
            answer = send(request, rest, route, requestId);
        } catch (ClientBody.ClientBodyBroken e) {
            // The client's own body broke off, and the backend's connection was dropped with it.
            throw new ForwardRefused(ReasonCode.INCOMPLETE_BODY, "service", route.service(),
                    "error", e.getCause().getClass().getSimpleName());
        }
        relay.relay(answer, request, response, route, requestId);
    }

    /**
     * The backend's answer, its headers in. No connection within the connect timeout, or no answer within the
     * response timeout, is a 504; a refused or broken connection a 502.
     */
    private ClassicHttpResponse send(HttpServletRequest request, String rest, Route route, String requestId)
            throws ForwardRefused, ClientBody.ClientBodyBroken {
        try {
            HttpUriRequestBase outbound = backendRequests.of(request, route, rest, requestId);
            return client.send(outbound);
        } catch (ClientBody.ClientBodyBroken e) {
            throw e;
        } catch (InterruptedIOException e) {
            logFailure(ReasonCode.BACKEND_TIMEOUT, requestId, route, e);
            throw new ForwardRefused(ReasonCode.BACKEND_TIMEOUT);
        } catch (IOException e) {
            logFailure(ReasonCode.BACKEND_UNAVAILABLE, requestId, route, e);
            throw new ForwardRefused(ReasonCode.BACKEND_UNAVAILABLE);
        } catch (IllegalArgumentException e) {
            throw new ForwardRefused(ReasonCode.BAD_TARGET);
        } catch (IllegalStateException e) {
            // The client was closed under a request still in flight: the edge is stopping.
            throw new ForwardRefused(ReasonCode.BACKEND_UNAVAILABLE);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ReasonCode reason, String requestId)
            throws IOException {
        metrics.rejectionCounts().count(reason);
        ProblemResponse.closeIfBodyUnread(request, response);
        ProblemResponse.send(response, reason, requestId);
    }

    @Override
    public void destroy() {
        client.close();
        ManagedBeans.unregister(statistics);
        published.close();
    }

    private static void logFailure(ReasonCode reason, String requestId, Route route, Exception e) {
        LOG.warning(() -> "edgeauth forward failed reason=" + reason.code() + " request_id=" + requestId
                + " service=" + route.service() + " backend=" + route.base() + " error=" + e.getClass().getSimpleName());
    }
}
