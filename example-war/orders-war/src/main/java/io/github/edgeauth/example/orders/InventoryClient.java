package io.github.edgeauth.example.orders;

import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inventory service, called with a service token and the caller's user context. */
@RegisterRestClient(configKey = "inventory")
@RegisterProvider(InventoryTokens.class)
@Path("stock")
public interface InventoryClient {

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    JsonObject stock(@PathParam("id") String id);
}
