package io.github.edgeauth.example.orders;

import io.github.edgeauth.core.UserContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What the orders backend shows: who called (from {@code @Inject UserContext}), and what inventory saw
 * when orders called it on the user's behalf.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @Inject
    UserContext user;

    @Inject
    Inventory inventory;

    @GET
    @Path("me")
    public JsonObject me() {
        return Json.createObjectBuilder()
                .add("service", "orders")
                .add("subject", user.subject())
                .add("email", user.email().orElse(""))
                .add("roles", Json.createArrayBuilder(user.roles().stream().sorted().toList()))
                .add("scopes", Json.createArrayBuilder(user.scopes().stream().sorted().toList()))
                .build();
    }

    @GET
    @Path("stock/{id}")
    public JsonObject stock(@PathParam("id") String id) {
        return Json.createObjectBuilder().add("orders", me()).add("inventory", inventory.stock(id)).build();
    }

    /** Needs scope {@code orders:write} (web.xml: {@code edgeauth.filter.required-scopes}). */
    @POST
    @Path("write")
    public JsonObject write() {
        return Json.createObjectBuilder().add("created", true).add("by", user.subject()).build();
    }

    /** Needs role {@code admin} (web.xml: {@code edgeauth.filter.required-roles}). */
    @GET
    @Path("admin")
    public JsonObject admin() {
        return Json.createObjectBuilder().add("admin", user.subject()).build();
    }
}
