package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.token.VerificationResult;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the filter does with one request: let it through as someone, or refuse it with a reason. */
sealed interface AccessDecision {

    /** Let the request through as {@code context} (possibly anonymous). */
    record Allow(UserContext context) implements AccessDecision {
    }

    /**
     * Refuse the request; {@code kid}, {@code subject} and {@code mismatch} (a wrong issuer or audience: what
     * was expected, what came) are for the log line only.
     */
    record Deny(ReasonCode reason, Optional<String> kid, Optional<String> subject, Set<String> requiredScopes,
                Map<String, String> mismatch) implements AccessDecision {

        Deny(ReasonCode reason, Optional<String> kid, Optional<String> subject, Set<String> requiredScopes) {
            this(reason, kid, subject, requiredScopes, Map.of());
        }

        static Deny of(VerificationResult.Rejected rejected) {
            return new Deny(rejected.reason(), rejected.kid(), rejected.subject(), Set.of(), rejected.mismatch());
        }
    }
}
