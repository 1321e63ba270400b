package io.github.edgeauth.benchmarks.endpoint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The same answer from a WAR without CDI at all: no bean archive, so the server runs no CDI request context,
 * and the resource is no bean. What it saves against {@code plain} is not CDI being on: in a one-off run such a
 * WAR cost the same with the edgeauth jar (a bean archive) as with the jar stripped of its CDI parts.
 */
@Path("hello")
public class UnmanagedHello {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello(@Context SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}
