package io.github.edgeauth.core.token;

import io.github.edgeauth.core.ReasonCode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;

import java.time.Duration;
import java.util.Set;

/**
 * What one kind of token must look like: who signs it, for whom, with which algorithms and {@code typ}.
 *
 * @param types             accepted {@code typ} headers; {@code acceptMissingType} says whether none is fine too
 * @param expiredCode       the reason for an expired token of this kind
 * @param sessionIdSuffices whether a {@code sid} claim may stand in for a missing {@code sub} (logout tokens)
 * @param audience          the audience tokens must carry; null: any (only for tokens the edge itself received)
 * @param accessTokensOnly  whether tokens carrying a claim only ID tokens or logout tokens have are refused
 */
record TokenRules(String issuer, String audience, Set<JWSAlgorithm> algorithms, Set<JOSEObjectType> types,
                  boolean acceptMissingType, Duration clockSkew, ReasonCode expiredCode, boolean sessionIdSuffices,
                  boolean accessTokensOnly) {

    /** The longest credential accepted, in characters: 8 KiB. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    /**
     * Claims that mark an ID token ({@code nonce}, {@code at_hash}, {@code c_hash}, OIDC Core 2) or a logout
     * token ({@code events}, OIDC Back-Channel Logout 2.4). Both carry the client id as audience and are
     * signed by the provider's keys, so without this check they would pass for access tokens; and the ID token
     * travels in logout URLs, where browser history and logs keep it.
     */
    static final Set<String> NOT_IN_ACCESS_TOKENS = Set.of("nonce", "at_hash", "c_hash", "events");
}
