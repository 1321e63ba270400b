package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.edge.internal.signin.OidcSignIn;
import io.github.edgeauth.edge.internal.signin.PendingSignInStore;
import io.github.edgeauth.edge.internal.signin.ProviderProbe;
import io.github.edgeauth.edge.internal.signin.ReturnPath;
import io.github.edgeauth.edge.internal.web.BrowserRequests;
import io.github.edgeauth.edge.internal.web.ErrorPages;
import io.github.edgeauth.edge.internal.web.PublicOrigin;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.BearerCredential;
import io.github.edgeauth.core.internal.http.PathPattern;
import io.github.edgeauth.core.internal.http.ProblemResponse;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.http.RequestPath;
import io.github.edgeauth.core.internal.token.ProviderTokenVerifier;
import io.github.edgeauth.core.internal.token.VerificationResult;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.util.Pac4jConstants;
import org.pac4j.core.exception.http.HttpAction;
import org.pac4j.core.exception.http.RedirectionAction;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.http.adapter.JEEHttpActionAdapter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Who is calling the edge. An API client's {@code Authorization: Bearer} access token is verified against
 * the provider's keys (no redirect, no session), when {@code edgeauth.edge.bearer-audience} turns API clients
 * on; ID tokens and logout tokens are never taken for access tokens. A browser's session ({@link EdgeSessions})
 * carries the pac4j profile, refreshed ahead of expiry. Anybody else: a browser's page navigation is sent to the provider's login, any other request gets 401.
 * The identity is stored as the request's {@link UserContext} for the forwarding servlet and the edge's own
 * pages. State-changing requests from another origin are refused (CSRF).
 */
public final class EdgeAuthentication implements Filter {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final OidcSignIn login;
    private final Optional<ProviderTokenVerifier> bearer;
    private final SessionRefresher refresher;
    private final List<PathPattern> publicPaths;
    private final EdgeSessions sessions;
    private final ProviderProbe probe;
    private final RejectionCounts refusals;
    private final PublicOrigin publicOrigin;
    private final SessionLifetime lifetime;

    public EdgeAuthentication(OidcSignIn login, Optional<ProviderTokenVerifier> bearer, EdgeSessions sessions,
                              SessionRefresher refresher, SessionLifetime lifetime, List<String> publicPaths,
                              ProviderProbe probe, PublicOrigin publicOrigin, RejectionCounts refusals) {
        this.lifetime = lifetime;
        this.refusals = refusals;
        this.publicOrigin = publicOrigin;
        this.probe = probe;
        this.login = login;
        this.bearer = bearer;
        this.refresher = refresher;
        this.publicPaths = publicPaths.stream().map(PathPattern::new).toList();
        this.sessions = sessions;
    }

    /** Stops the provider probe's HTTP client when the edge stops. */
    @Override
    public void destroy() {
        probe.close();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String requestId = RequestId.of(request);
        Optional<String> path = RequestPath.inApplication(request);
        if (path.isEmpty()) {
            refuse(request, response, ReasonCode.BAD_TARGET, requestId, null);
            return;
        }
        if (publicPaths.stream().anyMatch(p -> p.matches(path.get()))) {
            // No sign-in needed; but whoever is signed in stays who they are, so a backend does not take a signed-in
            // person's page (a stylesheet, say) for an anonymous visitor's and end their session there.
            Optional<UserContext> signedIn = signedInOnPublicPath(request, response);
            if (signedIn.isPresent()) {
                proceed(request, response, chain, signedIn.get());
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        String authorization = request.getHeader("Authorization");
        Optional<String> bearerToken = authorization == null ? Optional.empty() : BearerCredential.of(authorization);
        if (bearerToken.isPresent()) {
            if (bearer.isEmpty()) {
                refuse(request, response, ReasonCode.SERVICE_TOKENS_DISABLED, requestId, null);
                return;
            }
            VerificationResult verified = bearer.get().verify(bearerToken.get());
            if (verified instanceof VerificationResult.Rejected rejected) {
                refuse(request, response, rejected.reason(), requestId, rejected.kid().orElse(null));
                return;
            }
            proceed(request, response, chain, ((VerificationResult.Accepted) verified).context());
            return;
        }

        JEEContext web = new JEEContext(request, response);
        PendingSignInStore store = login.sessionStore();
        CallContext call = new CallContext(web, store);
        boolean secure = publicOrigin.secure(request);
        Optional<EdgeSessions.View> found = sessions.find(request, secure);
        ReasonCode missing = ReasonCode.MISSING_CREDENTIALS;
        if (found.isPresent()) {
            if (!SAFE_METHODS.contains(request.getMethod()) && BrowserRequests.crossOrigin(request, publicOrigin)) {
                refuse(request, response, ReasonCode.CROSS_ORIGIN, requestId, null);
                return;
            }
            EdgeSession session = found.get().session();
            if (!lifetime.within(session)) {
                // Idle too long, or signed in too long ago: whatever the tokens say, sign in again.
                sessions.end(session, request, response, secure);
                refuseOrSignIn(call, store, web, request, response, requestId, ReasonCode.SESSION_EXPIRED);
                return;
            }
            Optional<EdgeSessions.View> current;
            try {
                current = refresher.fresh(found.get(), () -> call);
                if (current.isPresent() && lifetime.touched(current.get().session()).isPresent()) {
                    current = sessions.update(session.id(), s -> lifetime.touched(s).orElse(s));
                }
            } catch (SessionRefresher.RefreshPending pending) {
                // Another request is refreshing this session's expired token: try again in a moment.
                refuse(request, response, ReasonCode.IDP_UNAVAILABLE, requestId, null);
                return;
            }
            if (current.isPresent()) {
                proceed(request, response, chain, signedIn(request, current.get()));
                return;
            }
            // The tokens expired and could not be refreshed, or the provider refused the refresh.
            sessions.end(session, request, response, secure);
            missing = ReasonCode.SESSION_EXPIRED;
        }
        refuseOrSignIn(call, store, web, request, response, requestId, missing);
    }

    /** A browser's page view goes to sign in; anything else gets 401 with {@code reason}. */
    private void refuseOrSignIn(CallContext call, PendingSignInStore store, JEEContext web, HttpServletRequest request,
                                HttpServletResponse response, String requestId, ReasonCode reason) throws IOException {
        if (!BrowserRequests.pageNavigation(request)) {
            refuse(request, response, reason, requestId, null);
            return;
        }
        startLogin(call, store, web, request, response, requestId);
    }

    /**
     * The person signed in with this request's session, on a path that needs no sign-in: never makes a session,
     * never sends anyone to sign in, never counts as activity, and not for a writing request from another origin.
     */
    private Optional<UserContext> signedInOnPublicPath(HttpServletRequest request, HttpServletResponse response) {
        if (!SAFE_METHODS.contains(request.getMethod()) && BrowserRequests.crossOrigin(request, publicOrigin)) {
            return Optional.empty();
        }
        Optional<EdgeSessions.View> found = sessions.find(request, publicOrigin.secure(request))
                .filter(view -> lifetime.within(view.session())); // an ended session ends at a request needing sign-in
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CallContext call = new CallContext(new JEEContext(request, response), login.sessionStore());
        try {
            return refresher.fresh(found.get(), () -> call).map(view -> signedIn(request, view));
        } catch (SessionRefresher.RefreshPending pending) {
            return Optional.empty();
        }
    }

    /** The person of {@code view}, for this request: its session is the request's, and so are the backends' cookies. */
    private UserContext signedIn(HttpServletRequest request, EdgeSessions.View view) {
        request.setAttribute(EdgeSessions.REQUEST_ATTRIBUTE, view.session());
        BackendCookies.collect(request, cookie -> sessions.remember(view.session(), cookie));
        return view.user();
    }

    private void startLogin(CallContext call, PendingSignInStore store, JEEContext web, HttpServletRequest request,
                            HttpServletResponse response, String requestId) throws IOException {
        if (!probe.providerAnswers()) {
            LOG.warning(() -> "edgeauth login unavailable reason=idp_unavailable request_id=" + requestId
                    + " error=provider_not_answering");
            refusals.count(ReasonCode.IDP_UNAVAILABLE);
            ErrorPages.providerUnavailable(response, requestId);
            return;
        }
        RedirectionAction action;
        store.startAfresh(request);
        try {
            action = login.initializedClient().getRedirectionAction(call).orElseThrow();
        } catch (HttpAction e) {
            JEEHttpActionAdapter.INSTANCE.adapt(e, web);
            return;
        } catch (RuntimeException e) {
            LOG.warning(() -> "edgeauth login unavailable reason=idp_unavailable request_id=" + requestId
                    + " error=" + e.getClass().getSimpleName());
            refusals.count(ReasonCode.IDP_UNAVAILABLE);
            ErrorPages.providerUnavailable(response, requestId);
            return;
        }
        store.set(web, Pac4jConstants.REQUESTED_URL, publicOrigin.origin(request) + ReturnPath.of(request));
        // The sign-in's state travels with the browser: no server session before the sign-in completes.
        store.started(request).ifPresent(pending -> login.pendingCookie().write(response, pending,
                publicOrigin.secure(request)));
        response.setHeader("Cache-Control", "no-store"); // a sign-in of one browser, never a shared cache's
        JEEHttpActionAdapter.INSTANCE.adapt(action, web);
    }

    private static void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                UserContext user) throws IOException, ServletException {
        request.setAttribute(UserContext.REQUEST_ATTRIBUTE, user);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ReasonCode reason,
                        String requestId, String kid) throws IOException {
        refusals.count(reason);
        RejectionLog.log(LOG, reason, request, requestId, "kid", kid);
        ProblemResponse.closeIfBodyUnread(request, response);
        ProblemResponse.send(response, reason, requestId);
    }
}
