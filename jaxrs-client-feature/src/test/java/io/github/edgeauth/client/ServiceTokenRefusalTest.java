package io.github.edgeauth.client;

import io.github.edgeauth.core.ReasonCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which refusal reasons get the client a new service token. */
class ServiceTokenRefusalTest {
    /** The 401 reasons no new service token can change. */
    private static final Set<ReasonCode> NEVER_THE_SERVICE_TOKEN = Set.of(ReasonCode.CONTEXT_EXPIRED,
            ReasonCode.MISSING_CREDENTIALS, ReasonCode.SERVICE_TOKENS_DISABLED, ReasonCode.REPLAYED,
            ReasonCode.SESSION_EXPIRED, ReasonCode.LOGIN_FAILED);

    @Test
    void anExpiredServiceTokenIsBlamedWithOrWithoutAUserContext() {
        assertTrue(ServiceTokenRefusal.blamesServiceToken("token_expired", true));
        assertTrue(ServiceTokenRefusal.blamesServiceToken("token_expired", false));
    }

    @Test
    void anExpiredUserContextNeverBlamesTheServiceToken() {
        assertFalse(ServiceTokenRefusal.blamesServiceToken("context_expired", true));
        assertFalse(ServiceTokenRefusal.blamesServiceToken("context_expired", false));
    }

    @Test
    void aCodeBothChecksAnswerWithBlamesTheServiceTokenOnlyWhenNoUserContextWasSent() {
        for (ReasonCode code : ServiceTokenRefusal.EITHER_CREDENTIAL) {
            assertTrue(ServiceTokenRefusal.blamesServiceToken(code.code(), false), code.code());
            assertFalse(ServiceTokenRefusal.blamesServiceToken(code.code(), true), code.code());
        }
    }

    @Test
    void aBackendThatTakesNoServiceTokensIsNotHelpedByANewOne() {
        assertFalse(ServiceTokenRefusal.blamesServiceToken("service_tokens_disabled", false));
    }

    @Test
    void anUnknownReasonIsNotTakenAsBlamingTheServiceToken() {
        assertFalse(ServiceTokenRefusal.blamesServiceToken("some_future_code", false));
        assertFalse(ServiceTokenRefusal.blamesServiceToken("TOKEN_EXPIRED", false));
    }

    @Test
    void everyUnauthorizedReasonIsDecidedOnceSoANewCodeNeedsADecision() {
        for (ReasonCode code : ReasonCode.values()) {
            int decisions = (ServiceTokenRefusal.ONLY_THE_SERVICE_TOKEN.contains(code) ? 1 : 0)
                    + (ServiceTokenRefusal.EITHER_CREDENTIAL.contains(code) ? 1 : 0)
                    + (NEVER_THE_SERVICE_TOKEN.contains(code) ? 1 : 0);
            assertEquals(code.status() == 401 ? 1 : 0, decisions, code.code()
                    + ": decide whether this refusal can blame the service token (ServiceTokenRefusal)");
        }
        assertEquals(Arrays.stream(ReasonCode.values()).filter(code -> code.status() == 401).count(),
                ServiceTokenRefusal.ONLY_THE_SERVICE_TOKEN.size() + ServiceTokenRefusal.EITHER_CREDENTIAL.size()
                        + NEVER_THE_SERVICE_TOKEN.size());
    }
}
