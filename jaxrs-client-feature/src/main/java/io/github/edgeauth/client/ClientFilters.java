package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.http.LogSafe;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** The JAX-RS client filters the feature registers. */
final class ClientFilters {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.client");
    /** Request property: the token value sent, so a 401 can drop exactly that token. */
    static final String TOKEN_SENT = "io.github.edgeauth.client.tokenSent";
    /** Request property: this request is already the retry. */
    static final String RETRIED = "io.github.edgeauth.client.retried";
    static final Set<String> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT,
            HttpMethod.DELETE);

    private ClientFilters() {
    }

    /**
     * Adds {@code Authorization: Bearer <cached service token>} to requests inside the client's bound
     * downstreams; a request anywhere else goes out without it (and is logged).
     */
    @Priority(Priorities.AUTHENTICATION)
    static final class BearerToken implements ClientRequestFilter {
        private final TokenSource tokens;
        private final BoundDownstreams downstreams;
        private final String client;

        BearerToken(TokenSource tokens, BoundDownstreams downstreams, String client) {
            this.tokens = tokens;
            this.downstreams = downstreams;
            this.client = client;
        }

        @Override
        public void filter(ClientRequestContext request) {
            if (!downstreams.covers(request.getUri())) {
                URI uri = request.getUri();
                LOG.warning(() -> "edgeauth client sent no service token and no user context client=" + client
                        + " target=" + (uri == null ? "-" : uri.getScheme() + "://" + uri.getRawAuthority())
                        + " reason=not_a_bound_downstream (see edgeauth.client." + client + ".base-urls)");
                return;
            }
            String value = tokens.token().value();
            request.setProperty(TOKEN_SENT, value);
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + value);
        }
    }

    /**
     * Passes the user's verified context and the request id on, unless the caller set them itself; only to the
     * client's bound downstreams.
     */
    @Priority(Priorities.HEADER_DECORATOR)
    static final class ContextPropagation implements ClientRequestFilter {
        private final String contextHeader;
        private final Supplier<Propagation> current;
        private final BoundDownstreams downstreams;

        ContextPropagation(String contextHeader, Supplier<Propagation> current, BoundDownstreams downstreams) {
            this.contextHeader = contextHeader;
            this.current = current;
            this.downstreams = downstreams;
        }

        @Override
        public void filter(ClientRequestContext request) {
            if (!downstreams.covers(request.getUri())) {
                return;
            }
            Propagation propagation = current.get();
            propagation.contextToken().ifPresent(token -> {
                if (!request.getHeaders().containsKey(contextHeader)) {
                    request.getHeaders().putSingle(contextHeader, token);
                }
            });
            propagation.requestId().ifPresent(id -> {
                if (!request.getHeaders().containsKey("X-Request-Id")) {
                    request.getHeaders().putSingle("X-Request-Id", id);
                }
            });
        }
    }

    /**
     * A downstream 401 with {@code error="invalid_token"} that blames the service token: drop the token that was
     * sent, get a new one and send the request once more. A 401 without an edgeauth problem body (any RFC 6750
     * resource server) blames the token; one whose problem body names a {@code reason} blames it only when
     * {@link ServiceTokenRefusal} says so, so a refused user context costs no token request and no retry. Only
     * requests that can safely be sent twice are retried: idempotent methods, and any request whose entity is
     * a value rather than a one-shot stream.
     */
    static final class RetryOnInvalidToken implements ClientResponseFilter {
        private final TokenSource tokens;
        private final String contextHeader;

        RetryOnInvalidToken(TokenSource tokens, String contextHeader) {
            this.tokens = tokens;
            this.contextHeader = contextHeader;
        }

        @Override
        public void filter(ClientRequestContext request, ClientResponseContext response) {
            // No token sent (not a bound downstream): that host's 401 says nothing about our token.
            if (response.getStatus() != 401 || request.getProperty(TOKEN_SENT) == null
                    || request.getProperty(RETRIED) != null || !invalidToken(response) || !retryable(request)
                    || !blamesServiceToken(request, response)) {
                return;
            }
            Object sent = request.getProperty(TOKEN_SENT);
            if (sent instanceof String value) {
                tokens.invalidate(value);
            }
            LOG.info(() -> "edgeauth downstream refused the service token; retrying once with a new one uri="
                    + request.getUri().getScheme() + "://" + request.getUri().getAuthority() + request.getUri().getPath());
            Invocation.Builder retry = request.getClient().target(request.getUri()).request();
            request.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)) {
                    values.forEach(value -> retry.header(name, value));
                }
            });
            retry.property(RETRIED, Boolean.TRUE);
            Response again = request.hasEntity()
                    ? retry.method(request.getMethod(), Entity.entity(request.getEntity(), request.getMediaType()))
                    : retry.method(request.getMethod());
            response.setStatus(again.getStatus());
            response.getHeaders().clear();
            again.getStringHeaders().forEach((name, values) -> response.getHeaders().addAll(name, values));
            closeQuietly(response.getEntityStream());
            response.setEntityStream(again.hasEntity() ? again.readEntity(InputStream.class) : InputStream.nullInputStream());
        }

        /**
         * Whether the refusal blames the token sent. The body is read only when it is a small problem body, and
         * put back whole for the application.
         */
        private boolean blamesServiceToken(ClientRequestContext request, ClientResponseContext response) {
            ProblemReason.Peek peek = ProblemReason.of(response.getMediaType(), response.getLength(),
                    response.getEntityStream());
            response.setEntityStream(peek.body());
            if (peek.reason().isEmpty()) {
                return true;
            }
            String reason = peek.reason().get();
            boolean contextSent = request.getHeaders().keySet().stream().anyMatch(contextHeader::equalsIgnoreCase);
            boolean blamed = ServiceTokenRefusal.blamesServiceToken(reason, contextSent);
            if (!blamed) {
                LOG.fine(() -> "edgeauth downstream refused the call, not the service token; no new token reason="
                        + LogSafe.clean(reason) + " contextSent=" + contextSent + " uri=" + request.getUri().getScheme()
                        + "://" + request.getUri().getAuthority() + request.getUri().getPath());
            }
            return blamed;
        }

        private static void closeQuietly(InputStream replaced) {
            if (replaced == null) {
                return;
            }
            try {
                replaced.close();
            } catch (IOException e) {
                // The refusal is replaced by the retry's answer; its connection is the client's to clean up.
            }
        }

        private static boolean invalidToken(ClientResponseContext response) {
            List<String> challenges = response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE);
            return challenges != null && challenges.stream().anyMatch(challenge ->
                    challenge.toLowerCase(Locale.ROOT).replace(" ", "").contains("error=\"invalid_token\""));
        }

        private static boolean retryable(ClientRequestContext request) {
            if (IDEMPOTENT.contains(request.getMethod())) {
                return true;
            }
            Object entity = request.getEntity();
            return entity != null && !(entity instanceof InputStream) && !(entity instanceof Reader);
        }
    }
}
