package io.github.edgeauth.filter;

import io.github.edgeauth.core.internal.metrics.CountingRetriever;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import io.github.edgeauth.core.internal.metrics.ServerMetrics;
import io.github.edgeauth.core.internal.token.CacheStatistics;
import io.github.edgeauth.core.internal.token.ContextVerifier;
import io.github.edgeauth.core.internal.token.ProviderTokenVerifier;

import java.util.Map;
import java.util.Optional;

/** The backend filter's numbers, read live from its verifiers and counters; shared by the filter and the mechanism. */
final class FilterMetrics implements BackendFilterMXBean {
    private final RejectionCounts rejections;
    private final CountingRetriever keyFetches;
    private final ContextVerifier contexts;
    private final Optional<ProviderTokenVerifier> serviceTokens;

    FilterMetrics(RejectionCounts rejections, CountingRetriever keyFetches, ContextVerifier contexts,
                  Optional<ProviderTokenVerifier> serviceTokens) {
        this.rejections = rejections;
        this.keyFetches = keyFetches;
        this.contexts = contexts;
        this.serviceTokens = serviceTokens;
    }

    RejectionCounts rejectionCounts() {
        return rejections;
    }

    /** Publishes these numbers in the server's MicroProfile Metrics, as the JMX bean shows them. */
    void publishTo(ServerMetrics metrics) {
        rejections.publishTo(metrics, "edgeauth.backend.rejections", "Requests refused, by reason code");
        metrics.gauge("edgeauth.backend.context.cache.hits", "Contexts answered from the verified-token cache",
                Map.of(), this::getContextCacheHits);
        metrics.gauge("edgeauth.backend.context.cache.misses", "Contexts verified (signature and all)", Map.of(),
                this::getContextCacheMisses);
        metrics.gauge("edgeauth.backend.context.cache.size", "Verified contexts held", Map.of(),
                this::getContextCacheSize);
        metrics.gauge("edgeauth.backend.service.cache.hits", "Service tokens answered from the cache", Map.of(),
                this::getServiceTokenCacheHits);
        metrics.gauge("edgeauth.backend.service.cache.misses", "Service tokens verified", Map.of(),
                this::getServiceTokenCacheMisses);
        metrics.gauge("edgeauth.backend.key.fetches", "Fetches of a JWKS (the edge's, the provider's)", Map.of(),
                this::getKeyFetches);
        metrics.gauge("edgeauth.backend.key.fetch.failures", "Fetches of a JWKS that failed", Map.of(),
                this::getKeyFetchFailures);
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
        return serviceTokens.map(ProviderTokenVerifier::cacheStatistics).map(CacheStatistics::hits).orElse(0L);
    }

    @Override
    public long getServiceTokenCacheMisses() {
        return serviceTokens.map(ProviderTokenVerifier::cacheStatistics).map(CacheStatistics::misses).orElse(0L);
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
