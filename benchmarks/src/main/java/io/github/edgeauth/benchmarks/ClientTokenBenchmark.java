package io.github.edgeauth.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the client feature adds to one call when its token is cached: the request filters the public
 * {@code ServiceTokenFeature} registers, against a baseline filter that sets a constant header, in the same
 * run. Context propagation is off here: outside a server there is no current request to read (the CDI lookup
 * it costs in a server is part of the end-to-end measurement).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientTokenBenchmark {
    private StubRequestContext request;
    private TokenEndpointStub endpoint;
    private ClientFeatureFilters feature;
    private String constant;

    @Setup
    public void setUp() throws IOException {
        request = new StubRequestContext();
        endpoint = new TokenEndpointStub(Duration.ofHours(1), Duration.ZERO);
        feature = new ClientFeatureFilters("bench", endpoint.uri(), "http://127.0.0.1/inventory/api", false);
        feature.filter(request); // fetches the token once
        constant = (String) request.getHeaders().getFirst("Authorization");
    }

    @TearDown
    public void tearDown() {
        endpoint.close();
    }

    /** The baseline: the least a filter adding an Authorization header can do. */
    @Benchmark
    public Object constantHeader() {
        request.reset();
        request.getHeaders().putSingle("Authorization", constant);
        return request;
    }

    /** The feature's filters with a cached token. */
    @Benchmark
    public Object cachedToken() {
        request.reset();
        feature.filter(request);
        return request;
    }
}
