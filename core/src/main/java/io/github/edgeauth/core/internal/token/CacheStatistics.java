package io.github.edgeauth.core.internal.token;

/**
 * How a cache of verified tokens has done since it was made: a snapshot, for metrics and for tests.
 *
 * @param hits       lookups answered from the cache
 * @param misses     lookups that had to verify the token (never counted when the cache is off)
 * @param size       entries held now
 * @param maxEntries the bound; 0 when the cache is off
 */
public record CacheStatistics(long hits, long misses, int size, int maxEntries) {
}
