package io.github.edgeauth.filter;

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
 */
record TokenRules(String issuer, String audience, Set<JWSAlgorithm> algorithms, Set<JOSEObjectType> types,
                  boolean acceptMissingType, Duration clockSkew, ReasonCode expiredCode, boolean sessionIdSuffices) {

    /** The longest credential accepted, in characters: 8 KiB. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;
}
