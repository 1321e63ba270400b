package io.github.edgeauth.benchmarks.endpoint;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the root of the WAR: {@code /<variant>/hello}. */
@ApplicationPath("/")
public class HelloApplication extends Application {
}
