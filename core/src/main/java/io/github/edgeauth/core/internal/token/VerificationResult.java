package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.UserContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The credential did not verify.
     *
     * @param mismatch for a wrong issuer or audience, what was expected and what the credential named
     *                 ({@code expected_issuer}, {@code issuer}, {@code expected_audience}, {@code audience}), for
     *                 the log line, so that an administrator sees which side to change; else empty
     */
    record Rejected(ReasonCode reason, Optional<String> kid, Optional<String> subject, Map<String, String> mismatch)
            implements VerificationResult {

        public Rejected {
            mismatch = Collections.unmodifiableMap(new LinkedHashMap<>(mismatch));
        }

        /** A rejection with nothing mismatched to tell. */
        public Rejected(ReasonCode reason, Optional<String> kid, Optional<String> subject) {
            this(reason, kid, subject, Map.of());
        }

        public static Rejected of(ReasonCode reason) {
            return new Rejected(reason, Optional.empty(), Optional.empty());
        }
    }
}
