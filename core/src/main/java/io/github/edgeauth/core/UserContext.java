package io.github.edgeauth.core;

import jakarta.servlet.ServletRequest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the verified user (from the edge's signed context) and, when the request came with a
 * service token, the calling service. Immutable. Inject it with {@code @Inject UserContext} in any CDI bean,
 * or read it with {@link #current(ServletRequest)} where there is no CDI.
 *
 * <p>An anonymous context (on public paths, or with the {@code optional} policy) has an empty subject and
 * issuer, no roles or scopes, and {@link Instant#EPOCH} times.
 */
public interface UserContext {

    /** The request attribute under which the filter stores the verified context. */
    String REQUEST_ATTRIBUTE = UserContext.class.getName();

    /**
     * The request attribute holding the verified context header value, so a client call made while serving
     * this request can pass the user on to the next backend of the trust group.
     */
    String TOKEN_ATTRIBUTE = UserContext.class.getName() + ".token";

    /** The user's stable id ({@code sub}); empty when anonymous. */
    String subject();

    /** The display name, when the provider gave one. */
    Optional<String> name();

    /** The e-mail address, when the provider gave one. */
    Optional<String> email();

    /** The user's roles, read from the configured role claim. */
    Set<String> roles();

    /** The user's scopes (from the context, or from the service token when there is no context). */
    Set<String> scopes();

    /** Who signed the identity: the edge's id for a context, the IdP for a service token. */
    String issuer();

    /** When the identity was issued. */
    Instant issuedAt();

    /** When the identity stops being valid. */
    Instant expiresAt();

    /** The edge session id, when the identity came from a browser session. */
    Optional<String> sessionId();

    /** The OAuth client id of the calling service, when the request came with a service token. */
    Optional<String> callingService();

    /** The scopes granted to the calling service's token; empty without a service token. */
    Set<String> serviceScopes();

    /** Every other claim, read-only (nested objects are read-only maps and lists). */
    Map<String, Object> claims();

    /** Whether the user holds {@code role}. */
    default boolean hasRole(String role) {
        return roles().contains(role);
    }

    /**
     * Whether the caller may act with {@code scope}: the service token's scopes when a service called,
     * else the user's scopes.
     */
    default boolean hasScope(String scope) {
        return callingService().isPresent() ? serviceScopes().contains(scope) : scopes().contains(scope);
    }

    /** True when nobody was identified. */
    default boolean isAnonymous() {
        return subject().isEmpty();
    }

    /** The shared anonymous context. */
    static UserContext anonymous() {
        return ImmutableUserContext.ANONYMOUS;
    }

    /** The context the filter verified for this request, or the anonymous one. Never null. */
    static UserContext current(ServletRequest request) {
        Object value = request.getAttribute(REQUEST_ATTRIBUTE);
        return value instanceof UserContext context ? context : anonymous();
    }

    /** A builder for a new context, as the edge uses it before minting. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds an immutable {@link UserContext}; only {@code subject} is required. */
    final class Builder {
        private String subject = "";
        private String name;
        private String email;
        private Set<String> roles = Set.of();
        private Set<String> scopes = Set.of();
        private String issuer = "";
        private Instant issuedAt = Instant.EPOCH;
        private Instant expiresAt = Instant.EPOCH;
        private String sessionId;
        private String callingService;
        private Set<String> serviceScopes = Set.of();
        private final Map<String, Object> claims = new LinkedHashMap<>();

        Builder() {
        }

        public Builder subject(String value) { this.subject = value == null ? "" : value; return this; }
        public Builder name(String value) { this.name = value; return this; }
        public Builder email(String value) { this.email = value; return this; }
        public Builder roles(Set<String> value) { this.roles = Set.copyOf(value); return this; }
        public Builder scopes(Set<String> value) { this.scopes = Set.copyOf(value); return this; }
        public Builder issuer(String value) { this.issuer = value == null ? "" : value; return this; }
        public Builder issuedAt(Instant value) { this.issuedAt = value; return this; }
        public Builder expiresAt(Instant value) { this.expiresAt = value; return this; }
        public Builder sessionId(String value) { this.sessionId = value; return this; }
        public Builder callingService(String value) { this.callingService = value; return this; }
        public Builder serviceScopes(Set<String> value) { this.serviceScopes = Set.copyOf(value); return this; }
        public Builder claims(Map<String, ?> value) { this.claims.putAll(value); return this; }
        public Builder claim(String key, Object value) { this.claims.put(key, value); return this; }

        /** A copy of {@code context} to change a few fields of. */
        public static Builder from(UserContext context) {
            Builder b = new Builder()
                    .subject(context.subject()).roles(context.roles()).scopes(context.scopes())
                    .issuer(context.issuer()).issuedAt(context.issuedAt()).expiresAt(context.expiresAt())
                    .serviceScopes(context.serviceScopes()).claims(context.claims());
            context.name().ifPresent(b::name);
            context.email().ifPresent(b::email);
            context.sessionId().ifPresent(b::sessionId);
            context.callingService().ifPresent(b::callingService);
            return b;
        }

        public UserContext build() {
            return new ImmutableUserContext(subject, Optional.ofNullable(name), Optional.ofNullable(email), roles, scopes,
                    issuer, issuedAt, expiresAt, Optional.ofNullable(sessionId), Optional.ofNullable(callingService),
                    serviceScopes, ReadOnlyClaims.map(claims));
        }
    }
}
