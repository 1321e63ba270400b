package io.github.edgeauth.benchmarks.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Answers with the caller's name: what every variant serves, so each does the same work but its checks. A
 * request-scoped CDI bean, as resources of a Jakarta EE 10 application usually are (the demo's are too).
 */
@Path("hello")
@RequestScoped
public class Hello {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello(@Context SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}
