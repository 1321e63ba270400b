package io.github.edgeauth.core.internal.token;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind's rules come from its name alone; an audience is given exactly where the kind checks one. */
class TokenRulesTest {
    private static final Set<JWSAlgorithm> RS256 = Set.of(JWSAlgorithm.RS256);
    private static final Duration SKEW = Duration.ofSeconds(60);

    @Test
    void aKindThatChecksAudiencesNeedsOneAndTheSessionsAccessTokensTakeNone() {
        for (TokenKind kind : TokenKind.values()) {
            if (kind.audienceChecked()) {
                assertThrows(IllegalArgumentException.class,
                        () -> TokenRules.anyAudience(kind, "https://idp.example", RS256, SKEW), kind.name());
            } else {
                assertThrows(IllegalArgumentException.class,
                        () -> TokenRules.of(kind, "https://idp.example", "orders", RS256, SKEW), kind.name());
            }
        }
        assertEquals(Set.of(TokenKind.SESSION_ACCESS_TOKEN), java.util.Arrays.stream(TokenKind.values())
                .filter(kind -> !kind.audienceChecked()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void onlyContextsNeedATypeOnlyLogoutTokensMayNameASessionInsteadOfASubject() {
        TokenRules context = TokenRules.of(TokenKind.CONTEXT, "edge", "shop", RS256, SKEW);
        assertFalse(context.acceptMissingType());
        assertEquals(Set.of(ContextFormat.TYPE), context.types());
        assertTrue(TokenRules.of(TokenKind.LOGOUT_TOKEN, "https://idp.example", "edge", RS256, SKEW).sessionIdSuffices());
        for (TokenKind kind : Set.of(TokenKind.SERVICE_TOKEN, TokenKind.EDGE_BEARER_TOKEN)) {
            TokenRules rules = TokenRules.of(kind, "https://idp.example", "orders", RS256, SKEW);
            assertTrue(rules.acceptMissingType() && rules.accessTokensOnly() && !rules.sessionIdSuffices(), kind.name());
        }
    }
}
