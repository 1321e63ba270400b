package io.github.edgeauth.benchmarks;

import io.github.edgeauth.client.ServiceTokenFeature;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.FeatureContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

/**
 * What the client feature costs each client built (a {@code @Dependent} Rest Client injected into a
 * request-scoped bean is built per request): the feature reading its settings and registering its filters,
 * against building a plain Jersey client and preparing one request, in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientBuildBenchmark {
    private static final String NAME = "built";
    private FeatureContext context;

    @Setup
    public void setUp() {
        String prefix = "edgeauth.client." + NAME + ".";
        System.setProperty(prefix + "token-endpoint", "http://127.0.0.1:9/token");
        System.setProperty(prefix + "client-id", "built-service");
        System.setProperty(prefix + "client-secret", "benchmark-secret");
        System.setProperty(prefix + "base-urls", "http://127.0.0.1:9/api");
        context = (FeatureContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FeatureContext.class}, (proxy, method, args) -> proxy);
    }

    /** The baseline: a plain Jersey client built, one request prepared, closed. */
    @Benchmark
    public Object jerseyClient() {
        Client client = ClientBuilder.newClient();
        try {
            return client.target("http://127.0.0.1:9/api/items").request().buildGet();
        } finally {
            client.close();
        }
    }

    /** The feature's own share of each client: settings read, filters made and registered. */
    @Benchmark
    public Object featureConfigured() {
        ServiceTokenFeature feature = new ServiceTokenFeature(NAME);
        feature.configure(context);
        return feature;
    }
}
