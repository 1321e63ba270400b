package io.github.edgeauth.edge.internal.signout;

import io.github.edgeauth.edge.internal.session.SignOutRecords;
import io.github.edgeauth.edge.internal.session.EdgeSessions;
import io.github.edgeauth.core.internal.http.LogSafe;
import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.http.ProblemResponse;
import io.github.edgeauth.core.internal.http.RejectionLog;
import io.github.edgeauth.core.internal.http.RequestId;
import io.github.edgeauth.core.internal.token.ProviderTokenVerifier;
import io.github.edgeauth.core.internal.token.VerificationResult;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jwt.JWTParser;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * OIDC back-channel logout: the provider posts a signed {@code logout_token}; once it verifies (issuer,
 * audience = the edge's client id, signature, the back-channel logout event, no nonce, an {@code iat} and a
 * {@code jti} not seen before), every edge session of that provider session ends at once, so the next request
 * through the edge carries no user context, on this node and (through {@link SignOutRecords}) every other
 * node of the edge's cluster.
 */
public final class BackchannelSignOutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** The clock skew the verifier allows, so a replayed token is remembered as long as it could verify. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final transient ProviderTokenVerifier verifier;
    private final transient EdgeSessions sessions;
    private final transient SignOutRecords logouts;
    private final transient RejectionCounts refusals;

    public BackchannelSignOutServlet(ProviderTokenVerifier verifier, EdgeSessions sessions, SignOutRecords logouts,
                             RejectionCounts refusals) {
        this.refusals = refusals;
        this.verifier = verifier;
        this.sessions = sessions;
        this.logouts = logouts;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = RequestId.of(request);
        String token = request.getParameter("logout_token");
        if (token == null || token.isBlank()) {
            refuse(request, response, ReasonCode.MISSING_CREDENTIALS, requestId);
            return;
        }
        VerificationResult verified = verifier.verify(token);
        if (verified instanceof VerificationResult.Rejected rejected) {
            refuse(request, response, rejected.reason(), requestId);
            return;
        }
        UserContext logout = ((VerificationResult.Accepted) verified).context();
        Object events = logout.claims().get("events");
        Optional<String> jti = tokenId(token);
        if (!(events instanceof Map<?, ?> map) || !map.containsKey(EVENT) || logout.claims().containsKey("nonce")
                || logout.issuedAt().equals(Instant.EPOCH) || jti.isEmpty()) {
            refuse(request, response, ReasonCode.MALFORMED, requestId);
            return;
        }
        if (!logouts.firstUse(jti.get(), logout.expiresAt().plus(CLOCK_SKEW))) {
            refuse(request, response, ReasonCode.REPLAYED, requestId);
            return;
        }
        // Every node: the sessions that started before now end when it next reads them (this one: at once).
        logouts.record(logout.sessionId(), logout.subject());
        sessions.forgetViews();
        LOG.info(() -> "edgeauth back-channel logout request_id=" + requestId + " subject=" + LogSafe.clean(logout.subject())
                + " ends=" + (logout.sessionId().isPresent() ? "provider_session" : "all_of_subject"));
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_OK);
    }

    /** The {@code jti} of a token that has already verified. */
    private static Optional<String> tokenId(String token) {
        try {
            return Optional.ofNullable(JWTParser.parse(token).getJWTClaimsSet().getJWTID()).filter(id -> !id.isBlank());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ReasonCode reason,
                        String requestId) throws IOException {
        refusals.count(reason);
        RejectionLog.log(LOG, reason, request, requestId, "token", "logout");
        // RFC: an invalid logout token is answered 400.
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(ProblemResponse.MEDIA_TYPE);
        response.getWriter().write("{\"reason\":\"" + reason.code() + "\",\"requestId\":\"" + requestId + "\"}");
    }
}
