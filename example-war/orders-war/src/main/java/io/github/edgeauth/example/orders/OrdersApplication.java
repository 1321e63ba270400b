package io.github.edgeauth.example.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The orders REST API under {@code /orders/api}. */
@ApplicationPath("api")
public class OrdersApplication extends Application {
}
