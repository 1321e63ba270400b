package io.github.edgeauth.benchmarks;

import io.github.edgeauth.client.ServiceTokenFeature;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.FeatureContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The request filters the public {@link ServiceTokenFeature} registers for client {@code name}, collected
 * through its {@code configure(FeatureContext)} as a JAX-RS runtime would, so a benchmark runs exactly them
 * without a JAX-RS implementation. Settings come from system properties, as an admin sets them.
 */
final class ClientFeatureFilters {
    private final List<ClientRequestFilter> filters = new ArrayList<>();

    ClientFeatureFilters(String name, URI tokenEndpoint, String downstream, boolean propagateContext) {
        String prefix = "edgeauth.client." + name + ".";
        System.setProperty(prefix + "token-endpoint", tokenEndpoint.toString());
        System.setProperty(prefix + "client-id", name + "-service");
        System.setProperty(prefix + "client-secret", "benchmark-secret");
        System.setProperty(prefix + "base-urls", downstream);
        System.setProperty(prefix + "propagate-context", Boolean.toString(propagateContext));
        FeatureContext context = (FeatureContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FeatureContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register") && args[0] instanceof ClientRequestFilter filter) {
                        filters.add(filter);
                    }
                    return proxy;
                });
        new ServiceTokenFeature(name).configure(context);
    }

    /** Runs every request filter on {@code request}, in registration order. */
    void filter(ClientRequestContext request) {
        try {
            for (ClientRequestFilter filter : filters) {
                filter.filter(request);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
