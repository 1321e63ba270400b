package io.github.edgeauth.example.inventory;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The inventory REST API under {@code /inventory/api}. */
@ApplicationPath("api")
public class InventoryApplication extends Application {
}
