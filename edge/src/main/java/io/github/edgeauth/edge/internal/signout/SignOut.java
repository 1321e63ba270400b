package io.github.edgeauth.edge.internal.signout;

import io.github.edgeauth.edge.internal.session.BackendCookies;
import io.github.edgeauth.edge.internal.session.EdgeSession;
import io.github.edgeauth.edge.internal.session.EdgeSessions;
import io.github.edgeauth.edge.internal.signin.OidcSignIn;
import io.github.edgeauth.edge.internal.web.BrowserRequests;
import io.github.edgeauth.edge.internal.web.EdgePaths;
import io.github.edgeauth.edge.internal.web.PublicOrigin;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.http.ProblemResponse;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pac4j.oidc.profile.OidcProfile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sign-out at {@code /logout}: only a same-origin {@code POST} ends the session, so a link or image on another
 * site cannot sign a user out; a {@code GET} shows a page with the sign-out button. The edge session ends
 * at once, and the browser goes to the provider's end-session endpoint (RP-initiated logout) with
 * {@code id_token_hint}, {@code client_id} and an absolute {@code post_logout_redirect_uri}, which is the
 * one URI a provider that matches exactly needs registered: so the provider session ends too, and the
 * browser comes back to the edge. The landing page is {@code edgeauth.edge.post-logout-url}, or a
 * {@code url} parameter that is a path on the edge itself, never another site. The session leaves the store every
 * node of a cluster reads ({@link EdgeSessions}), so none of them serves it again.
 */
public final class SignOut implements Filter {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    private final OidcSignIn login;
    private final String clientId;
    private final String postLogoutUrl;
    private final RejectionCounts refusals;
    private final PublicOrigin publicOrigin;
    private final EdgeSessions sessions;

    /** @param postLogoutUrl an absolute URL, or a path inside the edge */
    public SignOut(OidcSignIn login, String clientId, String postLogoutUrl, PublicOrigin publicOrigin,
                   RejectionCounts refusals, EdgeSessions sessions) {
        this.sessions = sessions;
        this.refusals = refusals;
        this.publicOrigin = publicOrigin;
        this.login = login;
        this.clientId = clientId;
        this.postLogoutUrl = postLogoutUrl;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!request.getMethod().equals("POST")) {
            signOutPage(request, response);
            return;
        }
        String requestId = RequestId.of(request);
        if (BrowserRequests.crossOrigin(request, publicOrigin)) {
            refusals.count(ReasonCode.CROSS_ORIGIN);
            RejectionLog.log(LOG, ReasonCode.CROSS_ORIGIN, request, requestId);
            ProblemResponse.closeIfBodyUnread(request, response);
            ProblemResponse.send(response, ReasonCode.CROSS_ORIGIN, requestId);
            return;
        }
        URI landing = landing(request);
        boolean secure = publicOrigin.secure(request);
        Optional<EdgeSession> session = sessions.find(request, secure).map(EdgeSessions.View::session);
        Optional<OidcProfile> profile = session.map(EdgeSession::profile);
        session.ifPresent(ended -> {
            // What the backends kept in this browser for this person ends with the edge's session.
            BackendCookies.expiring(ended).forEach(cookie -> response.addHeader("Set-Cookie", cookie));
            sessions.end(ended, request, response, secure); // on every node
        });
        URI next = profile.flatMap(p -> endSession(p, landing)).orElse(landing);
        LOG.info(() -> "edgeauth signed out request_id=" + requestId + " at_provider=" + !next.equals(landing));
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", next.toString());
    }

    /** Where the browser lands after sign-out: always absolute, and always the edge's own unless configured. */
    private URI landing(HttpServletRequest request) {
        String asked = request.getParameter("url");
        String target = asked != null && EdgePaths.SAME_ORIGIN_PATH.matcher(asked).matches() ? request.getContextPath() + asked
                : postLogoutUrl.startsWith("/") ? request.getContextPath() + postLogoutUrl : postLogoutUrl;
        if (!target.startsWith("/")) {
            return URI.create(target);
        }
        String origin = publicOrigin.origin(request);
        try {
            return URI.create(origin + target);
        } catch (IllegalArgumentException e) {
            return URI.create(origin + "/");
        }
    }

    /** The provider's end-session URL for this profile, when the provider has one and can be asked. */
    private Optional<URI> endSession(OidcProfile profile, URI landing) {
        try {
            String endpoint = login.client().getConfiguration().findLogoutUrl();
            if (endpoint == null || endpoint.isBlank() || profile.getIdToken() == null) {
                return Optional.empty();
            }
            return Optional.of(new LogoutRequest(URI.create(endpoint), profile.getIdToken(), null,
                    new ClientID(clientId), landing, null, null).toURI());
        } catch (RuntimeException providerUnknown) {
            // The provider's metadata cannot be had right now: the edge session has ended all the same.
            return Optional.empty();
        }
    }

    /** A page whose one button posts the sign-out; showing it changes nothing. */
    private static void signOutPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Allow", "GET, POST");
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign out"
                + "</title></head><body><h1>Sign out</h1><form method=\"post\" action=\""
                + request.getContextPath() + EdgePaths.LOGOUT + "\"><button type=\"submit\">Sign out</button></form>"
                + "</body></html>");
    }
}
