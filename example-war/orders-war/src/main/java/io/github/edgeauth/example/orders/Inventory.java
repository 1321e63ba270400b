package io.github.edgeauth.example.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Orders' one inventory client, built once for the application. A {@code @RestClient} is {@code @Dependent}:
 * injected into a {@code @RequestScoped} resource, it would build a whole new client (and read its settings
 * again) on every request. The user's context still travels with each call: the client feature reads it
 * from the request being served, at call time.
 */
@ApplicationScoped
public class Inventory {

    @Inject
    @RestClient
    InventoryClient client;

    /** Inventory's answer for one item, asked with orders' service token and the caller's context. */
    public JsonObject stock(String id) {
        return client.stock(id);
    }
}
