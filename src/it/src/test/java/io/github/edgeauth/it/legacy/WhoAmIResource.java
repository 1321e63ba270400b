package io.github.edgeauth.it.legacy;

import io.github.edgeauth.core.UserContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Deployed by the Arquillian test: what CDI and the container's security API say about the caller. */
@Path("whoami")
@RequestScoped
public class WhoAmIResource {

    @Inject
    UserContext user;

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String whoami() {
        return "injected=" + user.subject()
                + "\nprincipal=" + (security.getUserPrincipal() == null ? "" : security.getUserPrincipal().getName())
                + "\nadmin=" + security.isUserInRole("admin") + "\n";
    }

    /** The JAX-RS application of the deployed WAR. */
    @ApplicationPath("api")
    public static class LegacyApplication extends Application {
    }
}
