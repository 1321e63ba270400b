package io.github.edgeauth.core.internal.token;

import io.github.edgeauth.core.UserContext;
import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns verified claims into a {@link UserContext}: roles from a configurable claim (a name or a dotted path
 * such as {@code realm_access.roles}), scopes from {@code scope} (space-separated) or {@code scp}.
 * Roles are taken as sent (see {@link ClaimValues#roles}): a string role claim is one role unless
 * {@code rolesSpaceSeparated} says otherwise.
 *
 * @param roleClaim           the claim, or dotted path, holding the roles
 * @param rolesSpaceSeparated whether a string role claim holds several roles separated by spaces
 */
public record ClaimMapping(String roleClaim, boolean rolesSpaceSeparated) {

    /** Claim names carried in the context, beside the registered ones. */
    static final String NAME = "name";
    static final String EMAIL = "email";
    static final String ROLES = "roles";
    static final String SCOPE = "scope";
    static final String SCP = "scp";
    static final String SESSION_ID = "sid";
    static final String AUTHORIZED_PARTY = "azp";
    static final String CLIENT_ID = "client_id";

    private static final Set<String> MAPPED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti",
            NAME, EMAIL, SCOPE, SCP, SESSION_ID);

    public ClaimMapping {
        if (roleClaim.isBlank() || roleClaim.startsWith(".") || roleClaim.endsWith(".") || roleClaim.contains("..")) {
            throw new IllegalArgumentException("role claim must be a name or a dotted path");
        }
    }

    /** Roles from {@code roleClaim}, a string claim being one role. */
    public ClaimMapping(String roleClaim) {
        this(roleClaim, false);
    }

    /** The user described by an edge-minted context. */
    UserContext user(JWTClaimsSet claims) {
        return identity(claims, null, Set.of());
    }

    /** The calling service described by an IdP-issued service token (and, with no context, also the user). */
    UserContext service(JWTClaimsSet claims) {
        return identity(claims, clientId(claims), scopes(claims.getClaims()));
    }

    /** Builds the identity from the claims not mapped to a field: this runs per cache miss. */
    private UserContext identity(JWTClaimsSet claims, String callingService, Set<String> serviceScopes) {
        Map<String, Object> all = claims.getClaims();
        Map<String, Object> rest = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            if (!MAPPED.contains(key) && !key.equals(roleClaim)) {
                rest.put(key, value);
            }
        });
        return UserContext.builder()
                .subject(claims.getSubject())
                .name(ClaimValues.text(all.get(NAME)))
                .email(ClaimValues.text(all.get(EMAIL)))
                .roles(ClaimValues.roles(ClaimValues.at(all, roleClaim), rolesSpaceSeparated))
                .scopes(scopes(all))
                .issuer(claims.getIssuer())
                .issuedAt(claims.getIssueTime() == null ? Instant.EPOCH : claims.getIssueTime().toInstant())
                .expiresAt(claims.getExpirationTime().toInstant())
                .sessionId(ClaimValues.text(all.get(SESSION_ID)))
                .callingService(callingService)
                .serviceScopes(serviceScopes)
                .claims(rest)
                .build();
    }

    private static String clientId(JWTClaimsSet claims) {
        String azp = ClaimValues.text(claims.getClaim(AUTHORIZED_PARTY));
        if (azp != null) {
            return azp;
        }
        String clientId = ClaimValues.text(claims.getClaim(CLIENT_ID));
        return clientId != null ? clientId : claims.getSubject();
    }

    static Set<String> scopes(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>(ClaimValues.scopes(claims.get(SCOPE)));
        scopes.addAll(ClaimValues.scopes(claims.get(SCP)));
        return scopes;
    }

    /** The value for the principal name: a field of the context, else a string claim, else the subject. */
    public static String principalName(UserContext context, String principalClaim) {
        String value = switch (principalClaim) {
            case "sub" -> context.subject();
            case NAME -> context.name().orElse(null);
            case EMAIL -> context.email().orElse(null);
            default -> ClaimValues.text(context.claims().get(principalClaim));
        };
        return value == null ? context.subject() : value;
    }
}
