package io.github.edgeauth.filter;

import java.util.Map;

/**
 * The numbers of one WAR's backend filter, in JMX as
 * {@code io.github.edgeauth:application="<context path>",filter="edgeauth",type=BackendFilter}, values quoted
 * (docs/operations.md gives the exact names and says which to alert on). Counts run from the WAR's start.
 */
public interface BackendFilterMXBean {

    /** Refusals by reason code (filter and container security together). */
    Map<String, Long> getRejections();

    /** Contexts answered from the verified-token cache. */
    long getContextCacheHits();

    /** Contexts that had to be verified (signature and all). */
    long getContextCacheMisses();

    /** Verified contexts held now. */
    int getContextCacheSize();

    /** Service tokens answered from their cache. */
    long getServiceTokenCacheHits();

    /** Service tokens that had to be verified. */
    long getServiceTokenCacheMisses();

    /** Fetches of the keys from a JWKS URL (the edge's, and the provider's for service tokens). */
    long getKeyFetches();

    /** Key fetches that failed; verification goes on with the last good keys while they are cached. */
    long getKeyFetchFailures();
}
