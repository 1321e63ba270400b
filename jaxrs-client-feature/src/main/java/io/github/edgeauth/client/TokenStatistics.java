package io.github.edgeauth.client;

/**
 * How a client's token requests have gone since the JVM started: a snapshot, for metrics. Clients that share a
 * token source (same endpoint, client id, scopes and audience) share these numbers.
 *
 * @param received     token requests the provider answered with a token
 * @param failed       token requests that failed (provider down, refused, or an answer that was not a token)
 * @param callerWaits  calls that had to wait for a token request; after a cold start only an expired token
 *                     (the provider down for longer than the token's life) makes a call wait
 */
public record TokenStatistics(long received, long failed, long callerWaits) {
}
