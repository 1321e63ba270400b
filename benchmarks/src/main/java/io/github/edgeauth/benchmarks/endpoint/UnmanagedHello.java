package io.github.edgeauth.benchmarks.endpoint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The same answer from a WAR without CDI at all: no bean archive, so the server runs no CDI request context.
 * The edgeauth jar turns CDI on for a WAR (its producer of {@code UserContext} is a bean), and this variant
 * shows what that costs such a WAR.
 */
@Path("hello")
public class UnmanagedHello {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello(@Context SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}
