package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.internal.web.ErrorPages;
import io.github.edgeauth.edge.internal.web.PublicOrigin;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pac4j.oidc.profile.OidcProfile;
import org.pac4j.jee.filter.CallbackFilter;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * pac4j's {@link CallbackFilter} at {@code /callback} (it checks state, nonce and the PKCE verifier and
 * makes the profile), guarded so that a tampered or replayed callback gets a 401 page instead of a 500. A
 * completed sign-in starts the person's edge session.
 */
public final class SignInCallback implements Filter {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    private final CallbackFilter callback;
    private final OidcSignIn login;
    private final RejectionCounts refusals;
    private final PublicOrigin publicOrigin;
    private final SignedIn signedIn;

    /** Told of each sign-in that has just completed, before the browser is sent on. */
    @FunctionalInterface
    public interface SignedIn {
        /** Starts the person's session for {@code profile} (it sets its cookie on {@code response}). */
        void signedIn(OidcProfile profile, HttpServletRequest request, HttpServletResponse response);
    }

    public SignInCallback(OidcSignIn login, String defaultUrl, PublicOrigin publicOrigin, SignedIn signedIn,
                  RejectionCounts refusals) {
        this.signedIn = signedIn;
        this.refusals = refusals;
        this.publicOrigin = publicOrigin;
        this.login = login;
        this.callback = new CallbackFilter(login.config());
        this.callback.setDefaultUrl(defaultUrl);
        this.callback.setRenewSession(false); // no container session: every sign-in makes a new edge session
        // The redirect URI carries no client name (OidcSignIn): the edge's one client handles every callback.
        this.callback.setDefaultClient(login.client().getName());
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        callback.init(config);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getParameter("sid") != null || request.getParameter("logout_token") != null) {
            // pac4j reads these at its callback as front- or back-channel logouts, without the edge's replay
            // check: logouts go to the edge's own back-channel endpoint, never here.
            refuse(request, response, "logout_at_callback");
            return;
        }
        if (request.getParameter("error") != null) {
            // The provider's error answer (or anyone's: pac4j checks no state for one): no sign-in, said so at
            // once, never a redirect into another round. Its value is the provider's, never logged.
            refuse(request, response, "provider_error");
            return;
        }
        // A sign-in comes back once: its cookie ends now, whether this callback succeeds or not.
        login.pendingCookie().clear(response, publicOrigin.secure(request));
        try {
            login.initializedClient(); // pac4j's lazy parts, made once before any callback uses them
            callback.doFilter(request, response, chain);
            // Signed in by this request: a new edge session, with a new id and a lifetime of its own. A callback
            // that signed nobody in leaves any existing session as it was.
            login.sessionStore().signedIn(request).ifPresent(profile -> signedIn.signedIn(profile, request, response));
        } catch (RuntimeException | ServletException e) {
            String requestId = RequestId.of(request);
            refusals.count(ReasonCode.LOGIN_FAILED);
            RejectionLog.log(LOG, ReasonCode.LOGIN_FAILED, request, requestId, "error", e.getClass().getSimpleName());
            if (!response.isCommitted()) {
                ErrorPages.loginFailed(response, requestId);
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String error) throws IOException {
        String requestId = RequestId.of(request);
        refusals.count(ReasonCode.LOGIN_FAILED);
        RejectionLog.log(LOG, ReasonCode.LOGIN_FAILED, request, requestId, "error", error);
        ErrorPages.loginFailed(response, requestId);
    }
}
