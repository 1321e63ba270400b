package io.github.edgeauth.benchmarks.endpoint;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The same answer for the MicroProfile JWT variant, which lets a request without a token through unless the
 * resource requires a role (edgeauth's filter refuses it by itself).
 */
@Path("hello")
@RequestScoped
@RolesAllowed("user")
public class ProtectedHello {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
