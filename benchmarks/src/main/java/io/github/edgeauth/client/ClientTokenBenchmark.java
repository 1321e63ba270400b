package io.github.edgeauth.client;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the client feature adds to one call when the token is cached: the bearer-token filter and the
 * context propagation filter, against a baseline filter that sets a constant header, in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientTokenBenchmark {
    private StubRequestContext request;
    private ClientFilters.BearerToken bearer;
    private ClientFilters.ContextPropagation propagation;
    private String constant;

    @Setup
    public void setUp() {
        request = new StubRequestContext();
        Token token = Token.issued("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.c2lnbmF0dXJl", Instant.now(), Duration.ofHours(1));
        TokenSource tokens = new TokenSource(() -> token, () -> URI.create("http://127.0.0.1/token"), Clock.systemUTC(),
                Duration.ofSeconds(5), Runnable::run);
        tokens.token();
        BoundDownstreams downstreams = new BoundDownstreams(java.util.List.of(URI.create("http://127.0.0.1/inventory/api")));
        bearer = new ClientFilters.BearerToken(tokens, downstreams, "inventory");
        Propagation serving = new Propagation(Optional.of("eyJ.context.sig"), Optional.of("req-1"));
        propagation = new ClientFilters.ContextPropagation("X-User-Context", () -> serving, downstreams);
        constant = "Bearer " + token.value();
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
        bearer.filter(request);
        propagation.filter(request);
        return request;
    }
}
