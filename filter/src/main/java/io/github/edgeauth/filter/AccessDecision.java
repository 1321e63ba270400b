package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.token.VerificationResult;
import java.util.Optional;
import java.util.Set;

/** What the filter does with one request: let it through as someone, or refuse it with a reason. */
sealed interface AccessDecision {

    /** Let the request through as {@code context} (possibly anonymous). */
    record Allow(UserContext context) implements AccessDecision {
    }

    /** Refuse the request; {@code kid} and {@code subject} are for the log line only. */
    record Deny(ReasonCode reason, Optional<String> kid, Optional<String> subject, Set<String> requiredScopes)
            implements AccessDecision {

        static Deny of(VerificationResult.Rejected rejected) {
            return new Deny(rejected.reason(), rejected.kid(), rejected.subject(), Set.of());
        }
    }
}
