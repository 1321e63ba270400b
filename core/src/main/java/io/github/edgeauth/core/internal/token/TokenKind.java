package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.ReasonCode;
import com.nimbusds.jose.JOSEObjectType;

import java.util.Set;

/**
 * Every kind of token edgeauth verifies, and what its kind alone requires: the {@code typ} headers it may carry,
 * whether it needs one, the reason an expired one gets, and the claims it must have or must not have. Named
 * once, here; a verifier is made for one kind ({@link ContextVerifier}, {@link ProviderTokenVerifier}).
 */
public enum TokenKind {
    /** The edge's signed user context: its own {@code typ} required; expired is {@code context_expired}. */
    CONTEXT(Set.of(ContextFormat.TYPE), true, ReasonCode.CONTEXT_EXPIRED, false, false, true),
    /** A provider's access token a backend takes from a calling service (client_credentials). */
    SERVICE_TOKEN(Types.ACCESS_TOKEN, false, ReasonCode.TOKEN_EXPIRED, false, true, true),
    /** A provider's access token an API client sends the edge as {@code Authorization: Bearer}. */
    EDGE_BEARER_TOKEN(Types.ACCESS_TOKEN, false, ReasonCode.TOKEN_EXPIRED, false, true, true),
    /**
     * An OIDC back-channel logout token the provider posts to the edge: audience the edge's client id, and
     * {@code sub} or {@code sid} (or both) naming whom to sign out; its caller checks the {@code events} claim.
     */
    LOGOUT_TOKEN(Types.LOGOUT_TOKEN, false, ReasonCode.TOKEN_EXPIRED, true, false, true),
    /**
     * The access token the edge itself received from the provider's token endpoint at sign-in or refresh, read
     * for the role and scope claims some providers put only there: any audience (providers give their own access
     * tokens audiences such as {@code account}).
     */
    SESSION_ACCESS_TOKEN(Types.ACCESS_TOKEN, false, ReasonCode.TOKEN_EXPIRED, false, false, false);

    private final Set<JOSEObjectType> types;
    private final boolean typeRequired;
    private final ReasonCode expiredCode;
    private final boolean sessionIdSuffices;
    private final boolean accessTokensOnly;
    private final boolean audienceChecked;

    TokenKind(Set<JOSEObjectType> types, boolean typeRequired, ReasonCode expiredCode, boolean sessionIdSuffices,
              boolean accessTokensOnly, boolean audienceChecked) {
        this.types = types;
        this.typeRequired = typeRequired;
        this.expiredCode = expiredCode;
        this.sessionIdSuffices = sessionIdSuffices;
        this.accessTokensOnly = accessTokensOnly;
        this.audienceChecked = audienceChecked;
    }

    /** The {@code typ} headers a token of this kind may carry. */
    Set<JOSEObjectType> types() {
        return types;
    }

    /** Whether a token without {@code typ} is fine too. */
    boolean acceptsMissingType() {
        return !typeRequired;
    }

    /** The reason an expired token of this kind gets. */
    ReasonCode expiredCode() {
        return expiredCode;
    }

    /** Whether a {@code sid} claim may stand in for a missing {@code sub}. */
    boolean sessionIdSuffices() {
        return sessionIdSuffices;
    }

    /** Whether a token carrying a claim only ID tokens or logout tokens have is refused. */
    boolean accessTokensOnly() {
        return accessTokensOnly;
    }

    /** Whether tokens of this kind must name an audience the verifier is given. */
    boolean audienceChecked() {
        return audienceChecked;
    }

    /** The {@code typ} values, apart so the constants above can name them. */
    private static final class Types {
        /** Access tokens: {@code JWT} or RFC 9068's {@code at+jwt}. */
        static final Set<JOSEObjectType> ACCESS_TOKEN = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                new JOSEObjectType("application/at+jwt"));
        /** OIDC back-channel logout tokens. */
        static final Set<JOSEObjectType> LOGOUT_TOKEN = Set.of(JOSEObjectType.JWT, new JOSEObjectType("logout+jwt"));
    }
}
