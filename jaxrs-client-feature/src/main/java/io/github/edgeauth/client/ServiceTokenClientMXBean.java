package io.github.edgeauth.client;

/**
 * The token requests of one client's token source, in JMX as
 * {@code io.github.edgeauth:client="<name>",type=ServiceTokenClient,source="<n>"}, values quoted
 * (docs/operations.md gives the exact names and says which to alert on). Clients that share a token source (same endpoint, client id, scopes and audience) share it.
 */
public interface ServiceTokenClientMXBean {

    /** Token requests the provider answered with a token. */
    long getTokensReceived();

    /** Token requests that failed. */
    long getTokenRequestsFailed();

    /** Calls that had to wait for a token request. */
    long getCallerWaits();
}
