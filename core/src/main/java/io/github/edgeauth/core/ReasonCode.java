package io.github.edgeauth.core;

/**
 * Why a request was refused: one stable code shared by the filter, the edge and the client, used in the
 * HTTP answer ({@code error_description} and the problem body), the log line and the troubleshooting docs.
 * The strings never change once released; new codes may be added.
 */
public enum ReasonCode {
    /** No context header and no bearer token, on a path that needs an identity. */
    MISSING_CREDENTIALS("missing_credentials", 401, "No credentials were sent"),
    /** The header or token is longer than 8 KiB. */
    TOKEN_TOO_LARGE("token_too_large", 401, "The credential is too large"),
    /** Not a compact JWS at all (garbage, a JWE, broken base64url or JSON). */
    MALFORMED("malformed", 401, "The credential is not a well-formed JWS"),
    /** {@code alg: none}: an unsigned token. */
    UNSIGNED("unsigned", 401, "The credential is not signed"),
    /** An HMAC algorithm ({@code HS256}...), which would let a public key act as a shared secret. */
    SYMMETRIC_ALGORITHM("symmetric_algorithm", 401, "Symmetric signature algorithms are refused"),
    /** A signature algorithm that is not in the configured list. */
    ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", 401, "The signature algorithm is not allowed"),
    /** The token carries or points to its own key ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}). */
    EMBEDDED_KEY("embedded_key", 401, "The credential carries or points to its own key"),
    /** A {@code crit} header names an extension this verifier does not understand. */
    UNKNOWN_CRITICAL_HEADER("unknown_critical_header", 401, "The credential has an unknown critical header"),
    /** The {@code typ} header is not the one expected for this kind of token. */
    WRONG_TYPE("wrong_type", 401, "The credential has the wrong type"),
    /** No trusted key matches the token's {@code kid} and algorithm. */
    UNKNOWN_KEY("unknown_key", 401, "No trusted key matches the credential"),
    /** The signature does not verify with the trusted key. */
    BAD_SIGNATURE("bad_signature", 401, "The signature does not verify"),
    /** The {@code iss} claim is not the configured issuer. */
    WRONG_ISSUER("wrong_issuer", 401, "The credential comes from an unexpected issuer"),
    /** The {@code aud} claim does not name this backend's audience. */
    WRONG_AUDIENCE("wrong_audience", 401, "The credential is meant for another audience"),
    /** The user context's {@code exp} is in the past (beyond the clock skew), or missing. */
    CONTEXT_EXPIRED("context_expired", 401, "The user context has expired"),
    /** The service token's {@code exp} is in the past (beyond the clock skew), or missing. */
    TOKEN_EXPIRED("token_expired", 401, "The service token has expired"),
    /** {@code nbf} is in the future beyond the clock skew. */
    NOT_YET_VALID("not_yet_valid", 401, "The credential is not valid yet"),
    /** {@code iat} is in the future beyond the clock skew. */
    ISSUED_IN_FUTURE("issued_in_future", 401, "The credential claims to be issued in the future"),
    /** A one-time token (an OIDC back-channel logout token) whose {@code jti} was already used. */
    REPLAYED("replayed", 401, "The token was already used"),
    /** No {@code sub} claim. */
    MISSING_SUBJECT("missing_subject", 401, "The credential names no subject"),
    /** A bearer token arrived but this backend accepts no service tokens (no service issuer configured). */
    SERVICE_TOKENS_DISABLED("service_tokens_disabled", 401, "This service accepts no bearer tokens"),
    /** The identity is valid but lacks a scope the path requires. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403, "A required scope is missing"),
    /** The identity is valid but lacks a role the path requires. */
    INSUFFICIENT_ROLE("insufficient_role", 403, "A required role is missing"),
    /** The edge refused a state-changing request from another origin (CSRF protection). */
    CROSS_ORIGIN("cross_origin", 403, "Cross-origin state-changing requests are refused"),
    /**
     * The request's path or query cannot be read one way only: a broken escape, a control character, a dot
     * segment the edge will not forward, {@code ..} above the root, or a character no HTTP client may send.
     */
    BAD_TARGET("bad_target", 400, "The request path or query is ambiguous or not valid"),
    /** A request header the edge cannot pass on as it is: bytes outside visible ASCII, or a name no server reads one way only. */
    BAD_HEADER("bad_header", 400, "A request header is not valid"),
    /**
     * The client's request body broke off before its end (the client hung up, stalled past the server's read
     * timeout, or sent less than its {@code Content-Length}): the backend never gets it as a whole body.
     */
    INCOMPLETE_BODY("incomplete_body", 400, "The request body ended before its declared end"),
    /** A method the edge never forwards ({@code TRACE}, {@code CONNECT}), or not a method at all. */
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "The edge does not take this method"),
    /** The edge's forwarder was reached under no route's mount. */
    UNKNOWN_ROUTE("unknown_route", 404, "No backend is routed at this path"),
    /**
     * The signed-in identity's context is larger than the edge may send ({@code edgeauth.edge.context-max-bytes}):
     * never sent cut off; the route may narrow the roles it receives.
     */
    IDENTITY_TOO_LARGE("identity_too_large", 403, "The signed-in identity is too large to send to this backend"),
    /** A WebSocket handshake to a route: the edge passes plain HTTP only (Server-Sent Events pass unbuffered). */
    WEBSOCKET_NOT_SUPPORTED("websocket_not_supported", 400, "The edge does not pass WebSocket connections on"),
    /** The edge's session ended: its tokens expired and could not be refreshed. */
    SESSION_EXPIRED("session_expired", 401, "The session has expired; log in again"),
    /** The provider's answer to a login (state, nonce, PKCE, code) did not check out; no session was made. */
    LOGIN_FAILED("login_failed", 401, "The login could not be completed"),
    /** The edge could not reach the identity provider to log the user in. */
    IDP_UNAVAILABLE("idp_unavailable", 503, "The identity provider cannot be reached"),
    /** The edge could not connect to the backend, or the connection failed. */
    BACKEND_UNAVAILABLE("backend_unavailable", 502, "The backend cannot be reached"),
    /** The backend did not answer within the edge's timeout. */
    BACKEND_TIMEOUT("backend_timeout", 504, "The backend did not answer in time"),
    /** The keys to verify with could not be fetched (JWKS URL or discovery down, nothing cached). */
    KEYS_UNAVAILABLE("keys_unavailable", 503, "The verification keys cannot be fetched"),
    /**
     * The server's security layer refused the caller edgeauth verified (WildFly without its one-time setting):
     * the request is refused rather than served without container security.
     */
    CONTAINER_REFUSED("container_refused", 500, "The server's security configuration refused the verified caller");

    private final String code;
    private final int status;
    private final String title;

    ReasonCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    /** A short human sentence, the problem body's {@code title}. */
    public String title() {
        return title;
    }

    /** The stable string, as it appears in answers, logs and docs. */
    public String code() {
        return code;
    }

    /** The HTTP status this reason answers with. */
    public int status() {
        return status;
    }

    @Override
    public String toString() {
        return code;
    }
}
