package io.github.edgeauth.it.javax.app;

import io.github.edgeauth.client.ServiceTokenFeature;

/** The client feature for the client named {@code inventory}, as a Rest Client registers a provider: by class. */
public class InventoryTokens extends ServiceTokenFeature {
    public InventoryTokens() {
        super("inventory");
    }
}
