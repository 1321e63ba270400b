package io.github.edgeauth.core;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The one implementation of {@link UserContext}: a record, so equality and toString come for free. */
record ImmutableUserContext(
        String subject,
        Optional<String> name,
        Optional<String> email,
        Set<String> roles,
        Set<String> scopes,
        String issuer,
        Instant issuedAt,
        Instant expiresAt,
        Optional<String> sessionId,
        Optional<String> callingService,
        Set<String> serviceScopes,
        Map<String, Object> claims) implements UserContext {

    static final ImmutableUserContext ANONYMOUS = new ImmutableUserContext("", Optional.empty(), Optional.empty(), Set.of(), Set.of(), "",
            Instant.EPOCH, Instant.EPOCH, Optional.empty(), Optional.empty(), Set.of(), Map.of());

    /** Leaves claims and e-mail out, so a context printed to a log shows no personal data beyond the subject. */
    @Override
    public String toString() {
        return "UserContext[subject=" + subject + ", issuer=" + issuer + ", roles=" + roles
                + ", callingService=" + callingService.orElse("") + ", expiresAt=" + expiresAt + "]";
    }
}
