package io.github.edgeauth.example.inventory;

import io.github.edgeauth.core.UserContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers with what it saw: the user (from the propagated context) and the calling service (its token). */
@Path("stock")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {

    @Inject
    UserContext user;

    @GET
    @Path("{id}")
    public JsonObject stock(@PathParam("id") String id) {
        return Json.createObjectBuilder()
                .add("service", "inventory")
                .add("item", id)
                .add("inStock", 7)
                .add("user", Json.createObjectBuilder()
                        .add("subject", user.subject())
                        .add("email", user.email().orElse(""))
                        .add("roles", Json.createArrayBuilder(user.roles().stream().sorted().toList())))
                .add("caller", Json.createObjectBuilder()
                        .add("clientId", user.callingService().orElse(""))
                        .add("scopes", Json.createArrayBuilder(user.serviceScopes().stream().sorted().toList())))
                .build();
    }
}
