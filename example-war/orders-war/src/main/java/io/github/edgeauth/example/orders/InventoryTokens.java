package io.github.edgeauth.example.orders;

import io.github.edgeauth.client.ServiceTokenFeature;

/** The service-token feature for the client named {@code inventory} ({@code EDGEAUTH_CLIENT_INVENTORY_*}). */
public class InventoryTokens extends ServiceTokenFeature {
    public InventoryTokens() {
        super("inventory");
    }
}
