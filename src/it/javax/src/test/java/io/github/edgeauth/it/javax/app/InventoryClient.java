package io.github.edgeauth.it.javax.app;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

/**
 * The backend as a MicroProfile Rest Client 2.0 sees it (URL: {@code inventory/mp-rest/url}), with the client
 * feature registered as the README shows.
 */
@RegisterRestClient(configKey = "inventory")
@RegisterProvider(InventoryTokens.class)
public interface InventoryClient {
    @GET
    @Path("/whoami")
    String whoami();
}
