package io.github.edgeauth.core.internal.metrics;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.net.URL;
import java.util.concurrent.atomic.LongAdder;

/** A key fetcher that counts its fetches and their failures, for the key-fetch numbers a team watches. */
public final class CountingRetriever implements ResourceRetriever {
    private final ResourceRetriever retriever;
    private final LongAdder fetches = new LongAdder();
    private final LongAdder failures = new LongAdder();

    public CountingRetriever(ResourceRetriever retriever) {
        this.retriever = retriever;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        fetches.increment();
        try {
            return retriever.retrieveResource(url);
        } catch (IOException | RuntimeException e) {
            failures.increment();
            throw e;
        }
    }

    /** Fetches so far. */
    public long fetches() {
        return fetches.sum();
    }

    /** Fetches that failed. */
    public long failures() {
        return failures.sum();
    }
}
