package io.github.edgeauth.filter;

import io.github.edgeauth.core.metrics.CountingRetriever;
import io.github.edgeauth.core.metrics.RejectionCounts;
import io.github.edgeauth.core.token.CacheStatistics;
import io.github.edgeauth.core.token.ContextVerifier;
import io.github.edgeauth.core.token.ServiceTokenVerifier;

import java.util.Map;
import java.util.Optional;

/** The backend filter's numbers, read live from its verifiers and counters; shared by the filter and the mechanism. */
final class FilterMetrics implements BackendFilterMXBean {
    private final RejectionCounts rejections;
    private final CountingRetriever keyFetches;
    private final ContextVerifier contexts;
    private final Optional<ServiceTokenVerifier> serviceTokens;

    FilterMetrics(RejectionCounts rejections, CountingRetriever keyFetches, ContextVerifier contexts,
                  Optional<ServiceTokenVerifier> serviceTokens) {
        this.rejections = rejections;
        this.keyFetches = keyFetches;
        this.contexts = contexts;
        this.serviceTokens = serviceTokens;
    }

    RejectionCounts rejectionCounts() {
        return rejections;
    }

    @Override
    public Map<String, Long> getRejections() {
        return rejections.snapshot();
    }

    @Override
    public long getContextCacheHits() {
        return contexts.cacheStatistics().hits();
    }

    @Override
    public long getContextCacheMisses() {
        return contexts.cacheStatistics().misses();
    }

    @Override
    public int getContextCacheSize() {
        return contexts.cacheStatistics().size();
    }

    @Override
    public long getServiceTokenCacheHits() {
        return serviceTokens.map(ServiceTokenVerifier::cacheStatistics).map(CacheStatistics::hits).orElse(0L);
    }

    @Override
    public long getServiceTokenCacheMisses() {
        return serviceTokens.map(ServiceTokenVerifier::cacheStatistics).map(CacheStatistics::misses).orElse(0L);
    }

    @Override
    public long getKeyFetches() {
        return keyFetches.fetches();
    }

    @Override
    public long getKeyFetchFailures() {
        return keyFetches.failures();
    }
}
