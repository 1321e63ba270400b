package io.github.edgeauth.core.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import java.util.Optional;

/**
 * The outcome of verifying one credential: accepted with the identity it proves, or rejected with a reason.
 * {@code kid} and {@code subject} are for the log line; a rejected subject is only known when the signature
 * verified, since claims of an unverified token are not to be trusted even for logging.
 */
public sealed interface VerificationResult {

    /** The key id the credential named, when it named one. */
    Optional<String> kid();

    /** The credential verified. */
    record Accepted(UserContext context, Optional<String> kid) implements VerificationResult {
    }

    /** The credential did not verify. */
    record Rejected(ReasonCode reason, Optional<String> kid, Optional<String> subject) implements VerificationResult {

        public static Rejected of(ReasonCode reason) {
            return new Rejected(reason, Optional.empty(), Optional.empty());
        }
    }
}
