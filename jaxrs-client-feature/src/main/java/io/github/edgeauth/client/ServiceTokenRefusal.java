package io.github.edgeauth.client;

import io.github.edgeauth.core.ReasonCode;

import java.util.Set;

/**
 * Which edgeauth refusals blame the service token, so that a new token from the provider may be accepted
 * where the one sent was refused. The backend filter checks the user context first, then the bearer token,
 * and answers with the code of the first credential that fails; most codes are shared by both checks, so a
 * refusal names the credential only through {@code token_expired} versus {@code context_expired}, or through
 * the request itself: a request that carried no user context can only have had its token refused.
 */
final class ServiceTokenRefusal {
    /** Answered only by the service-token check: the token sent has expired. */
    static final Set<ReasonCode> ONLY_THE_SERVICE_TOKEN = Set.of(ReasonCode.TOKEN_EXPIRED);

    /**
     * Answered by the user-context check and the service-token check alike (both are the same JWS checks).
     * They blame the service token only when no user context was sent. A token issued before the provider
     * rotated its keys, changed its algorithm or its claims fails one of these, and a new one passes.
     */
    static final Set<ReasonCode> EITHER_CREDENTIAL = Set.of(ReasonCode.TOKEN_TOO_LARGE, ReasonCode.MALFORMED,
            ReasonCode.UNSIGNED, ReasonCode.SYMMETRIC_ALGORITHM, ReasonCode.ALGORITHM_NOT_ALLOWED,
            ReasonCode.EMBEDDED_KEY, ReasonCode.UNKNOWN_CRITICAL_HEADER, ReasonCode.WRONG_TYPE, ReasonCode.UNKNOWN_KEY,
            ReasonCode.BAD_SIGNATURE, ReasonCode.WRONG_ISSUER, ReasonCode.WRONG_AUDIENCE, ReasonCode.NOT_YET_VALID,
            ReasonCode.ISSUED_IN_FUTURE, ReasonCode.MISSING_SUBJECT);

    private ServiceTokenRefusal() {
    }

    /**
     * Whether the refusal named {@code reason} blames the service token. Every other reason does not: it is
     * about the user context ({@code context_expired}), the edge session, or it is one no new token changes
     * ({@code service_tokens_disabled}); a reason this version does not know is not taken as blaming it.
     *
     * @param reason      the problem body's {@code reason}
     * @param contextSent whether the refused request carried a user context
     */
    static boolean blamesServiceToken(String reason, boolean contextSent) {
        return named(ONLY_THE_SERVICE_TOKEN, reason) || !contextSent && named(EITHER_CREDENTIAL, reason);
    }

    private static boolean named(Set<ReasonCode> codes, String reason) {
        return codes.stream().anyMatch(code -> code.code().equals(reason));
    }
}
